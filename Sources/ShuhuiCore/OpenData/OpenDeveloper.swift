import Foundation

/// 开发者类型: who registers on the open portal.
public enum DeveloperKind: String, Sendable, Codable, CaseIterable {
    /// A natural person.
    case person
    /// A company or other organisation, identified by its unified social credit code.
    case company
}

/// What someone types when registering as a developer, checked before anything is stored.
public struct DeveloperRegistration: Sendable, Codable, Equatable {
    /// Person or company.
    public var kind: DeveloperKind
    /// The person's or company's name.
    public var name: String
    /// Contact e-mail; unique among developers.
    public var email: String
    /// Required for companies: the unified social credit code (GB 32100).
    public var creditCode: String?

    /// Creates a registration.
    public init(kind: DeveloperKind, name: String, email: String, creditCode: String? = nil) {
        self.kind = kind
        self.name = name
        self.email = email
        self.creditCode = creditCode
    }

    /// Every problem with the registration, each naming its field.
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > 100 {
            out.append(FieldIssue(field: "name", code: "required", message: Strings["open.v.name"]))
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if email.count > 200 || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
            out.append(FieldIssue(field: "email", code: "invalid_value", message: Strings["open.v.email"]))
        }
        switch kind {
        case .company:
            guard let code = creditCode, !code.isEmpty else {
                out.append(FieldIssue(field: "creditCode", code: "required", message: Strings["open.v.creditRequired"]))
                break
            }
            if (try? CreditCode(code)) == nil {
                out.append(FieldIssue(field: "creditCode", code: "invalid_value", message: Strings.format("open.v.creditInvalid", ["value": code])))
            }
        case .person:
            if let code = creditCode, !code.isEmpty {
                out.append(FieldIssue(field: "creditCode", code: "not_allowed", message: Strings["open.v.creditPerson"]))
            }
        }
        return out
    }
}

/// Review states shared by restricted-access applications and showcased apps.
public enum OpenReviewState: String, Sendable, Codable, CaseIterable {
    /// Waiting for the reviewer.
    case pending
    /// Accepted.
    case approved
    /// Refused, with a reason.
    case refused

    /// The state after a decision; only a pending item can be decided, and a refusal needs a reason.
    public func decide(approve: Bool, reason: String) -> Result<OpenReviewState, OpenReviewError> {
        guard self == .pending else { return .failure(.alreadyDecided(self)) }
        if !approve && reason.trimmingCharacters(in: .whitespaces).isEmpty { return .failure(.reasonRequired) }
        return .success(approve ? .approved : .refused)
    }
}

/// Why a review decision cannot be made.
public enum OpenReviewError: Error, Sendable, Equatable {
    /// The item was decided before.
    case alreadyDecided(OpenReviewState)
    /// A refusal without a reason.
    case reasonRequired
}
