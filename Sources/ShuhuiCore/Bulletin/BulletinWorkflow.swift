/// Where a bulletin is in its workflow: compiled by Friday (draft), checked on Monday,
/// issued on Tuesday. Issued is final: the content is frozen.
public enum BulletinState: String, Sendable, Codable, CaseIterable {
    /// Generated (by the Friday scheduler or an administrator); figures follow the data.
    case draft
    /// Checked by the bureau; editing sends it back to draft.
    case checked
    /// Issued: frozen, byte for byte.
    case issued
}

/// A step taken on a bulletin.
public enum BulletinAction: String, Sendable, Codable, CaseIterable {
    /// Figures read again from the roll-ups.
    case generated
    /// Section 一 (or the frame) changed.
    case edited
    /// Checked.
    case checked
    /// Issued.
    case issued
}

/// Why a workflow step was refused.
public struct BulletinTransitionError: Error, Sendable, Equatable {
    /// The state the bulletin is in.
    public var state: BulletinState
    /// The step refused.
    public var action: BulletinAction
}

/// The bulletin's state machine, pure: which step is allowed in which state, and where it leads.
public enum BulletinWorkflow {
    /// The state after `action`, or an error when the step is not allowed in `state`.
    public static func apply(_ action: BulletinAction, to state: BulletinState) throws(BulletinTransitionError) -> BulletinState {
        switch (state, action) {
        case (.draft, .generated), (.checked, .generated): return .draft
        case (.draft, .edited), (.checked, .edited): return .draft
        case (.draft, .checked): return .checked
        case (.checked, .issued): return .issued
        default: throw BulletinTransitionError(state: state, action: action)
        }
    }
}

extension AccessPolicy {
    /// Generating, editing, checking and issuing bulletins, and setting opening balances: the
    /// bureau's administrators only.
    public static func canManageBulletins(_ p: Principal) throws(AccessDenial) {
        guard p.role == .admin else { throw .role(p.role) }
    }

    /// Reading bulletins that are not yet issued: the bureau's administrators and auditors.
    /// Issued bulletins are sent to every unit, so every signed-in user reads them.
    public static func canReadDraftBulletins(_ p: Principal) -> Bool {
        p.role == .admin || p.role == .auditor
    }
}

/// Checks on the text the bureau writes into a bulletin.
public enum BulletinText {
    /// Whether `text` holds control characters other than tab and line breaks (NUL cannot be
    /// stored by PostgreSQL, and none belongs in a printed document).
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { u in (u.value < 0x20 && u != "\n" && u != "\r" && u != "\t") || u.value == 0x7F }
    }
}
