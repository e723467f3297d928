/// Who may change what on the one-window platform. Same shape as the rest of
/// ``AccessPolicy``: deny by default, each rule pure and tested.
extension AccessPolicy {
    /// Writing a matter of `unit` (its fields, its join, its online status): the bureau for
    /// any unit, a data officer for its own unit's matters only.
    public static func canEditMatter(ownedBy unit: Int64, _ p: Principal) throws(AccessDenial) {
        try canEdit(ownedBy: unit, p)
    }

    /// Recording a system's plan and join: the bureau, or the system's unit's data officer.
    public static func canEditSystemJoin(ownedBy unit: Int64, _ p: Principal) throws(AccessDenial) {
        try canEdit(ownedBy: unit, p)
    }

    /// Taking a case of a matter of `unit` through its states (or entering one at a window):
    /// the bureau, or the matter's unit's staff (its data officer). Approvers, query users and
    /// auditors only read.
    public static func canHandleCase(ofUnit unit: Int64, _ p: Principal) throws(AccessDenial) {
        switch p.role {
        case .admin: return
        case .officer:
            guard p.organizationID == unit else { throw .scope(ownUnit: p.organizationID) }
        case .approver, .queryUser, .auditor: throw .role(p.role)
        }
    }

    /// Defining indicators, importing their values, setting targets and bundles' lists: the
    /// bureau's administrators.
    public static func canManageOneWindow(_ p: Principal) throws(AccessDenial) {
        guard p.role == .admin else { throw .role(p.role) }
    }

    /// Importing a matters or joins spreadsheet at all (each row is then checked with
    /// ``canEditMatter(ownedBy:_:)``): administrators and data officers.
    public static func canImportOneWindow(_ p: Principal) throws(AccessDenial) {
        guard p.role == .admin || p.role == .officer else { throw .role(p.role) }
    }
}

/// Why a case sent by a system through the gateway was refused.
public enum CaseIntakeDenial: Error, Sendable, Equatable {
    /// The matter is handled in another system, or in none recorded.
    case notMatterSystem(matter: String)
    /// The system has not joined the one-window platform (by the day of the call).
    case systemNotJoined
    /// The matter has not joined the one-window platform (by the day of the call).
    case matterNotJoined(matter: String)
}

extension AccessPolicy {
    /// A consuming system sending a case (办件) through the gateway, authenticated by its app
    /// key: only for a matter whose handling system it is, and only once both the system and
    /// the matter have joined the one-window platform, on or before `today`. Deny by default.
    ///
    /// - Parameters:
    ///   - system: the calling system, from its verified app key.
    ///   - matter: the matter the case is for.
    ///   - systemJoin: the system's join, nil when it was never planned.
    public static func canSubmitCase(from system: Int64, for matter: Matter, systemJoin: JoinStatus?, today: CalendarDate) throws(CaseIntakeDenial) {
        guard let handling = matter.draft.systemID, handling == system else { throw .notMatterSystem(matter: matter.draft.code) }
        guard let on = systemJoin?.joinedOn, on <= today.description else { throw .systemNotJoined }
        guard let matterOn = matter.draft.join.joinedOn, matterOn <= today.description else { throw .matterNotJoined(matter: matter.draft.code) }
    }
}
