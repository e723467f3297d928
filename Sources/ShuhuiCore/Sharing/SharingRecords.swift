import Foundation

/// A sharing request as stored and shown: the draft, who asked, where it stands, and its history.
public struct SharingRequest: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    public var resourceCode: String
    public var resourceName: String
    public var providerID: Int64
    public var providerName: String
    /// The requesting (consuming) unit.
    public var organizationID: Int64
    public var organizationName: String
    public var systemID: Int64
    public var systemName: String
    public var fields: [String]
    public var mode: SharingMode
    public var purpose: String
    public var legalBasis: String
    public var validUntil: String
    public var state: RequestState
    /// The step waited on, when pending.
    public var step: ApprovalStep?
    /// When that step is due.
    public var dueAt: Date?
    /// Pending past its due time.
    public var overdue: Bool
    /// The refusal's reason.
    public var reason: String?
    public var requesterName: String
    public var createdAt: Date
    public var decidedAt: Date?
    /// The grant it produced.
    public var grantID: Int64?
    /// Every step taken, oldest first.
    public var events: [RequestEvent]

    public init(id: Int64, resourceCode: String, resourceName: String, providerID: Int64, providerName: String,
                organizationID: Int64, organizationName: String, systemID: Int64, systemName: String, fields: [String],
                mode: SharingMode, purpose: String, legalBasis: String, validUntil: String, state: RequestState,
                dueAt: Date?, now: Date, reason: String?, requesterName: String, createdAt: Date, decidedAt: Date?,
                grantID: Int64?, events: [RequestEvent]) {
        self.id = id
        self.resourceCode = resourceCode
        self.resourceName = resourceName
        self.providerID = providerID
        self.providerName = providerName
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.systemID = systemID
        self.systemName = systemName
        self.fields = fields
        self.mode = mode
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.validUntil = validUntil
        self.state = state
        self.step = state.step
        self.dueAt = state.step == nil ? nil : dueAt
        self.overdue = state.step != nil && (dueAt.map { now > $0 } ?? false)
        self.reason = reason
        self.requesterName = requesterName
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.grantID = grantID
        self.events = events
    }
}

/// One step in a request's history.
public struct RequestEvent: Sendable, Codable, Equatable {
    public var at: Date
    public var actorName: String
    /// `submit`, `grant`, `approve`, `refuse`, `withdraw`.
    public var action: String
    /// The state after the step.
    public var state: RequestState
    public var reason: String?

    public init(at: Date, actorName: String, action: String, state: RequestState, reason: String?) {
        self.at = at
        self.actorName = actorName
        self.action = action
        self.state = state
        self.reason = reason
    }
}
