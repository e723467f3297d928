import Foundation

/// Where a case (办件) stands. The path (ANCHORS.md, matters and cases):
///
///     申请 applied ─预审─▶ prereview ─受理─▶ accepted ─审核─▶ review ─准予─▶ approved
///                            │                 │  ▲              │ ▲   └─不予许可─▶ denied
///                            └─不予受理─▶ refused  ▼  │ 补正退回    ▼ │
///                                          correction ◀──────────┘ │ (clock paused)
///                                              └──────补正完成──────┘
///
/// 撤销申请 (withdrawn) by the applicant and 异常终止 (terminated) end any open case.
public enum CaseState: String, Sendable, Codable, CaseIterable {
    /// 申请: received, not yet looked at.
    case applied
    /// 预审: the window checks the materials.
    case prereview
    /// 受理: accepted; the promised-time clock runs from here.
    case accepted
    /// 不予受理: refused at the window (final).
    case refused
    /// 补正: waiting for the applicant to complete the materials; the clock is paused.
    case correction
    /// 审核: under review by the unit.
    case review
    /// 办结（准予许可）(final).
    case approved
    /// 办结（不予许可）(final).
    case denied
    /// 撤销申请 (final).
    case withdrawn
    /// 异常终止 (final).
    case terminated

    /// Whether nothing more can happen.
    public var isFinal: Bool {
        switch self {
        case .refused, .approved, .denied, .withdrawn, .terminated: true
        case .applied, .prereview, .accepted, .correction, .review: false
        }
    }

    /// 办结: completed with a decision (approved or denied).
    public var isCompleted: Bool { self == .approved || self == .denied }

    /// Whether the case has been accepted (受理) at some point, judging by the state alone.
    public var wasAccepted: Bool {
        switch self {
        case .accepted, .correction, .review, .approved, .denied: true
        case .applied, .prereview, .refused, .withdrawn, .terminated: false
        }
    }
}

/// What someone does to a case.
public enum CaseAction: String, Sendable, Codable, CaseIterable {
    /// 预审: the window starts checking.
    case prereview
    /// 受理.
    case accept
    /// 不予受理 (reason required).
    case refuse
    /// 补正: ask the applicant for missing materials (reason required); pauses the clock.
    case requestCorrection
    /// 补正完成: the materials arrived; the case goes to review and the clock resumes.
    case resubmit
    /// 审核: start the unit's review.
    case review
    /// 办结 准予许可.
    case approve
    /// 办结 不予许可 (reason required).
    case deny
    /// 撤销申请 by the applicant.
    case withdraw
    /// 异常终止 (reason required).
    case terminate

    /// Whether the action must say why.
    public var needsReason: Bool {
        switch self {
        case .refuse, .requestCorrection, .deny, .terminate: true
        case .prereview, .accept, .resubmit, .review, .approve, .withdraw: false
        }
    }
}

/// Why an action cannot be applied to a case.
public enum CaseFlowError: Error, Sendable, Equatable {
    /// The action is not allowed in this state.
    case notAllowed(CaseAction, from: CaseState)
    /// The action needs a reason and none was given.
    case reasonRequired(CaseAction)
}

/// The case state machine, pure so every allowed and forbidden transition is tested without I/O.
public enum CaseFlow {
    /// The state a new case starts in.
    public static let initial: CaseState = .applied

    /// The state after `action`, or nil when `action` is not allowed in `state`.
    public static func target(_ state: CaseState, _ action: CaseAction) -> CaseState? {
        switch (state, action) {
        case (.applied, .prereview): .prereview
        case (.prereview, .accept): .accepted
        case (.prereview, .refuse): .refused
        case (.accepted, .review): .review
        case (.accepted, .requestCorrection), (.review, .requestCorrection): .correction
        case (.correction, .resubmit): .review
        case (.review, .approve): .approved
        case (.review, .deny): .denied
        case (let s, .withdraw) where !s.isFinal: .withdrawn
        case (let s, .terminate) where !s.isFinal: .terminated
        default: nil
        }
    }

    /// The actions allowed in `state`, in the order a console offers them.
    public static func allowed(in state: CaseState) -> [CaseAction] {
        CaseAction.allCases.filter { target(state, $0) != nil }
    }

    /// Applies `action` (with `reason` where one is required), or says why it cannot be applied.
    public static func next(_ state: CaseState, _ action: CaseAction, reason: String? = nil) throws(CaseFlowError) -> CaseState {
        guard let next = target(state, action) else { throw .notAllowed(action, from: state) }
        if action.needsReason, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .reasonRequired(action) }
        return next
    }
}
