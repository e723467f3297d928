/// Catalog figures as the seeds report them ("11304 catalog entries, 167170 data items";
/// "6679 classes, 122344 items, of which 46451 shareable"; "4133 tables, 63710 fields").
public struct CatalogStatistics: Sendable, Codable, Equatable {
    /// Figures for one providing unit.
    public struct UnitRow: Sendable, Codable, Equatable {
        public var organizationID: Int64
        public var organizationName: String
        public var resources: Int
        public var fields: Int
        public var shareableFields: Int

        /// Creates a row.
        public init(organizationID: Int64, organizationName: String, resources: Int, fields: Int, shareableFields: Int) {
            self.organizationID = organizationID
            self.organizationName = organizationName
            self.resources = resources
            self.fields = fields
            self.shareableFields = shareableFields
        }
    }

    /// Active catalog entries.
    public var resources: Int
    /// Their data items.
    public var fields: Int
    /// Items whose effective sharing attribute is unconditional or conditional.
    public var shareableFields: Int
    /// Units that provide at least one entry.
    public var providers: Int
    /// Items by effective sharing attribute.
    public var fieldsBySharing: [SharingAttribute: Int]
    /// Entries by grade.
    public var resourcesByGrade: [SecurityGrade: Int]
    /// Entries by open attribute.
    public var resourcesByOpen: [OpenAttribute: Int]
    /// Entries by resource class.
    public var resourcesByClass: [ResourceClass: Int]
    /// Per providing unit, most entries first.
    public var byUnit: [UnitRow]

    /// Creates statistics from figures computed elsewhere (the store does it in SQL).
    public init(resources: Int, fields: Int, shareableFields: Int, providers: Int, fieldsBySharing: [SharingAttribute: Int],
                resourcesByGrade: [SecurityGrade: Int], resourcesByOpen: [OpenAttribute: Int], resourcesByClass: [ResourceClass: Int], byUnit: [UnitRow]) {
        self.resources = resources
        self.fields = fields
        self.shareableFields = shareableFields
        self.providers = providers
        self.fieldsBySharing = fieldsBySharing
        self.resourcesByGrade = resourcesByGrade
        self.resourcesByOpen = resourcesByOpen
        self.resourcesByClass = resourcesByClass
        self.byUnit = byUnit
    }

    /// Computes the figures from resource descriptions; `names` maps unit ids to names.
    public init(drafts: [ResourceDraft], names: [Int64: String]) {
        var bySharing: [SharingAttribute: Int] = [:], byGrade: [SecurityGrade: Int] = [:]
        var byOpen: [OpenAttribute: Int] = [:], byClass: [ResourceClass: Int] = [:]
        var units: [Int64: UnitRow] = [:]
        var fieldCount = 0, shareable = 0
        for d in drafts {
            byGrade[d.grade, default: 0] += 1
            byOpen[d.open, default: 0] += 1
            if let c = ResourceClass(categoryCode: d.categoryCode) { byClass[c, default: 0] += 1 }
            var row = units[d.providerID] ?? UnitRow(
                organizationID: d.providerID, organizationName: names[d.providerID] ?? "#\(d.providerID)",
                resources: 0, fields: 0, shareableFields: 0)
            row.resources += 1
            for f in d.fields {
                let s = d.effectiveSharing(of: f)
                bySharing[s, default: 0] += 1
                fieldCount += 1
                row.fields += 1
                if s.isShareable {
                    shareable += 1
                    row.shareableFields += 1
                }
            }
            units[d.providerID] = row
        }
        resources = drafts.count
        fields = fieldCount
        shareableFields = shareable
        providers = units.count
        fieldsBySharing = bySharing
        resourcesByGrade = byGrade
        resourcesByOpen = byOpen
        resourcesByClass = byClass
        byUnit = units.values.sorted {
            ($0.resources, $0.fields, $1.organizationName) > ($1.resources, $1.fields, $0.organizationName)
        }
    }
}
