import Foundation

/// What kind of unit an organization is in the city's tree.
public enum OrganizationKind: String, Sendable, Codable, CaseIterable {
    /// A municipal department (市级部门), e.g. 市公安局.
    case department
    /// A district or county (区、县、市).
    case district
    /// A township or street (乡镇、街道).
    case township
    /// A state-owned company serving the city, e.g. 市民卡公司.
    case company
    /// The provincial big-data centre (省大数据中心) the city pushes to.
    case provincialCentre
}

/// A unit (单位): department, district, township, company or the provincial centre.
public struct Organization: Sendable, Codable, Equatable, Identifiable {
    /// Database identity.
    public var id: Int64
    /// Unified social credit code (统一社会信用代码), validated.
    public var code: String
    /// Full name, e.g. 杭州市公安局.
    public var name: String
    /// Name as the bulletins print it, e.g. 市公安局.
    public var shortName: String
    /// Place in the tree.
    public var kind: OrganizationKind
    /// Parent unit, if any (townships sit under districts).
    public var parentID: Int64?
    /// Administrative division code (行政区划代码), e.g. 330100.
    public var regionCode: String
    /// When the unit was registered.
    public var createdAt: Date

    /// Creates a unit record.
    public init(
        id: Int64, code: String, name: String, shortName: String, kind: OrganizationKind,
        parentID: Int64?, regionCode: String, createdAt: Date
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentID = parentID
        self.regionCode = regionCode
        self.createdAt = createdAt
    }
}
