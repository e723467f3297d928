import Foundation

/// Who built an information system — the census counts systems by this.
public enum SystemLevel: String, Sendable, Codable, CaseIterable {
    /// Built by a national ministry (国家部委).
    case national
    /// A provincial vertical system (省级垂直).
    case provincial
    /// Built by a municipal department (市级自建).
    case municipal
    /// Built by a district or county (区县自建).
    case district

    /// National and provincial systems are the ones the seeds count together ("590 national or
    /// provincial, 560 city and county").
    public var isUpperLevel: Bool { self == .national || self == .provincial }
}

/// Where a system is in its life.
public enum SystemStatus: String, Sendable, Codable, CaseIterable {
    case planned
    case running
    case retired
}

/// An information system (信息系统) of a unit, as registered in the census.
public struct InformationSystem: Sendable, Codable, Equatable, Identifiable {
    /// Database identity.
    public var id: Int64
    /// Owning unit.
    public var organizationID: Int64
    /// Census code, unique city-wide.
    public var code: String
    /// System name, e.g. 人口综合信息系统.
    public var name: String
    /// Who built it.
    public var level: SystemLevel
    /// Life-cycle status.
    public var status: SystemStatus
    /// The person responsible (系统负责人).
    public var owner: String
    /// Free description.
    public var summary: String
    /// When it was registered.
    public var createdAt: Date

    /// Creates a system record.
    public init(
        id: Int64, organizationID: Int64, code: String, name: String, level: SystemLevel,
        status: SystemStatus, owner: String, summary: String, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.code = code
        self.name = name
        self.level = level
        self.status = status
        self.owner = owner
        self.summary = summary
        self.createdAt = createdAt
    }
}
