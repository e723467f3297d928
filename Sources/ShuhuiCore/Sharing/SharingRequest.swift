import Foundation

/// Where a sharing request (共享申请) stands.
public enum RequestState: String, Sendable, Codable, CaseIterable {
    /// Waiting for the providing unit (5 working days).
    case pendingProvider
    /// The provider agreed; waiting for the bureau's compliance check (2 working days).
    case pendingBureau
    /// Approved (or unconditionally shared): a grant exists.
    case granted
    /// Refused at one of the steps, with a reason.
    case refused
    /// Withdrawn by the requesting unit before an answer.
    case withdrawn

    /// The approval step the request waits on, if any.
    public var step: ApprovalStep? {
        switch self {
        case .pendingProvider: .provider
        case .pendingBureau: .bureau
        case .granted, .refused, .withdrawn: nil
        }
    }
}

/// Who answers a conditional request, in order: the providing unit, then the bureau.
public enum ApprovalStep: String, Sendable, Codable, CaseIterable {
    case provider
    case bureau

    /// The step's clock in working days (国发〔2016〕51号 and the local rules after it).
    public var workingDays: Int {
        switch self {
        case .provider: 5
        case .bureau: 2
        }
    }
}

/// What someone does to a pending request.
public enum RequestDecision: Sendable, Equatable {
    /// The step's approver agrees.
    case approve
    /// The step's approver refuses; a refusal must say why.
    case refuse(reason: String)
    /// The requesting unit takes the request back.
    case withdraw
}

/// Why a decision cannot be applied.
public enum RequestFlowError: Error, Sendable, Equatable {
    /// The request is no longer pending.
    case notPending(RequestState)
    /// A refusal without a reason.
    case reasonRequired
}

/// The request's state machine, pure so that every transition is tested without I/O.
///
///     submit ─┬─ unconditional ──────────────────────────────▶ granted
///             └─ conditional ─▶ pendingProvider ─approve─▶ pendingBureau ─approve─▶ granted
///                                   │ refuse / withdraw          │ refuse / withdraw
///                                   ▼                            ▼
///                             refused / withdrawn          refused / withdrawn
public enum RequestFlow {
    /// The state a new request starts in.
    public static func start(needsApproval: Bool) -> RequestState {
        needsApproval ? .pendingProvider : .granted
    }

    /// The state after `decision`, or why it cannot be taken.
    public static func next(_ state: RequestState, _ decision: RequestDecision) throws(RequestFlowError) -> RequestState {
        guard state.step != nil else { throw .notPending(state) }
        switch decision {
        case .approve: return state == .pendingProvider ? .pendingBureau : .granted
        case .refuse(let reason):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
            return .refused
        case .withdraw: return .withdrawn
        }
    }

    /// When the current step is due: the end (Beijing time) of its last working day.
    public static func due(_ step: ApprovalStep, since: Date, calendar: WorkingCalendar) -> Date {
        calendar.workingDay(step.workingDays, after: CalendarDate(beijing: since)).endOfBeijingDay
    }
}

/// What a consuming unit asks for.
public struct SharingRequestDraft: Sendable, Codable, Equatable {
    /// 信息资源代码 of the resource.
    public var resourceCode: String
    /// The consuming system that will use the data (one of the requesting unit's systems).
    public var systemID: Int64
    /// Codes of the fields wanted.
    public var fields: [String]
    /// How the data will be delivered.
    public var mode: SharingMode
    /// 用途: what the data is for.
    public var purpose: String
    /// 依据: the law, regulation or document that allows it.
    public var legalBasis: String
    /// Last day of use asked for, `YYYY-MM-DD`.
    public var validUntil: String

    public init(resourceCode: String, systemID: Int64, fields: [String], mode: SharingMode, purpose: String, legalBasis: String, validUntil: String) {
        self.resourceCode = resourceCode
        self.systemID = systemID
        self.fields = fields
        self.mode = mode
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.validUntil = validUntil
    }

    /// The longest period a grant may run: three years.
    public static let maxDays = 3 * 366

    /// Checks the request against the catalog entry. Returns whether it needs approval
    /// (any requested field is conditionally shared), or every issue found.
    public func validate(against resource: ResourceDraft, today: CalendarDate) -> Result<Bool, ValidationFailure> {
        var issues: [FieldIssue] = []
        func issue(_ field: String, _ code: String, _ values: [String: String] = [:]) {
            issues.append(FieldIssue(field: field, code: code, message: Strings.format("sharing.\(code)", values)))
        }
        var needsApproval = false
        if !resource.sharing.isShareable {
            issue("resourceCode", "not_shareable", ["resource": resource.name])
        } else {
            if !resource.sharingModes.contains(mode) {
                issue("mode", "mode_not_offered", ["mode": mode.rawValue, "offered": resource.sharingModes.map(\.rawValue).joined(separator: ", ")])
            }
            if fields.isEmpty { issue("fields", "no_fields") }
            var seen = Set<String>()
            for (i, code) in fields.enumerated() {
                guard seen.insert(code).inserted else { issue("fields[\(i)]", "duplicate_field", ["field": code]); continue }
                guard let f = resource.fields.first(where: { $0.code == code }) else {
                    issue("fields[\(i)]", "unknown_field", ["field": code]); continue
                }
                switch resource.effectiveSharing(of: f) {
                case .notShared: issue("fields[\(i)]", "field_not_shared", ["field": f.name])
                case .conditional: needsApproval = true
                case .unconditional: break
                }
            }
        }
        if purpose.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issue("purpose", "purpose_required") }
        if needsApproval, legalBasis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issue("legalBasis", "basis_required") }
        if let until = CalendarDate(iso: validUntil) {
            if until <= today || until.dayNumber - today.dayNumber > Self.maxDays {
                issue("validUntil", "bad_period", ["max": String(Self.maxDays)])
            }
        } else {
            issue("validUntil", "bad_date", ["value": validUntil])
        }
        return issues.isEmpty ? .success(needsApproval) : .failure(ValidationFailure(issues))
    }
}

extension SharingRequestDraft {
    private enum CodingKeys: String, CodingKey { case resourceCode, systemID, fields, mode, purpose, legalBasis, validUntil }

    /// Decodes a request; the legal basis may be left out (unconditional sharing needs none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            resourceCode: try c.decode(String.self, forKey: .resourceCode), systemID: try c.decode(Int64.self, forKey: .systemID),
            fields: try c.decode([String].self, forKey: .fields), mode: try c.decode(SharingMode.self, forKey: .mode),
            purpose: try c.decode(String.self, forKey: .purpose), legalBasis: try c.decodeIfPresent(String.self, forKey: .legalBasis) ?? "",
            validUntil: try c.decode(String.self, forKey: .validUntil))
    }
}
