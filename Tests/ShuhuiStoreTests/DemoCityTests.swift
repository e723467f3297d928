import Foundation
import Logging
import ShuhuiCore
import ShuhuiStore
import Testing

@Suite struct DemoCityTests {
    /// A store on a fresh SQLite file in its own temporary folder.
    private func freshStore() async throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shuhui-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await Store.open(.sqlite(path: dir.path + "/t.sqlite"), logger: Logger(label: "test"), passwordCost: 4)
        return (store, dir)
    }

    @Test func everyDemoDraftPassesTheCatalogRules() throws {
        let drafts = try DemoCatalog.drafts(providerID: { _ in 1 }, systemID: { _, _ in 1 })
        #expect(drafts.count >= 60)
        for draft in drafts {
            #expect(draft.issues().isEmpty, "\(draft.name): \(draft.issues().map { "\($0.field ?? "") \($0.code)" })")
            #expect((6...20).contains(draft.fields.count), "\(draft.name) has \(draft.fields.count) fields")
            #expect(draft.fields.contains { $0.primaryKey }, "\(draft.name) has no primary key")
            #expect(draft.publishedOn?.hasPrefix("2018-") == true)
        }
        #expect(Set(drafts.map(\.name)).count == drafts.count)
    }

    @Test func demoCityLoadsTheUnitsSystemsCatalogAndAccounts() async throws {
        let (store, dir) = try await freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }

        let logins = try await DemoCity.load(into: store)

        #expect(logins.map(\.username) == ["admin", "police", "hrss", "approver", "police-approver", "query", "auditor"])
        #expect(logins.first?.role == Role.admin.rawValue)

        let units = try await store.organizations()
        let byShort = Dictionary(units.map { ($0.shortName, $0) }, uniquingKeysWith: { a, _ in a })
        let districts = ["上城区", "下城区", "江干区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "富阳区", "临安区",
                         "桐庐县", "淳安县", "建德市"]
        for name in districts {
            #expect(byShort[name]?.kind == .district, "\(name)")
        }
        #expect(units.filter { $0.kind == .district }.count == 13)
        #expect(byShort["西湖区"]?.regionCode == "330106")
        #expect(byShort["市公安局"]?.name == "杭州市公安局")
        #expect(byShort["市公安局"]?.kind == .department)
        #expect(byShort["市民卡公司"]?.kind == .company)
        #expect(byShort["省大数据中心"]?.kind == .provincialCentre)
        #expect(byShort["省大数据中心"]?.regionCode == "330000")
        for unit in units {
            #expect((try? CreditCode(unit.code)) != nil, "\(unit.name) \(unit.code)")
        }

        let townships = units.filter { $0.kind == .township }
        #expect(townships.count == 16)
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for township in townships {
            let parent = township.parentID.flatMap { byID[$0] }
            #expect(parent?.kind == .district, "\(township.name)")
            #expect(township.regionCode == parent?.regionCode)
        }

        let census = try await store.censusStatistics()
        #expect(census.upperLevel > 0)
        #expect(census.localLevel > 0)
        #expect(census.total == census.upperLevel + census.localLevel)
        #expect(census.byLevel.count == SystemLevel.allCases.count)

        let catalog = try await store.catalogStatistics()
        #expect(catalog.resources >= 60)
        #expect(catalog.fields >= 600)
        #expect(catalog.shareableFields < catalog.fields)
        #expect(catalog.resourcesByClass.count == ResourceClass.allCases.count)

        let population = try await store.searchResources(CatalogQuery(text: "人口"))
        #expect(population.total > 0)
        #expect(population.items.contains { $0.name == "常住人口基本信息" })

        for resource in try await store.resources() {
            #expect(resource.draft.issues().isEmpty, "\(resource.code)")
        }

        let police = try await store.authenticate(username: "police", password: "shuhui-demo")
        #expect(police?.role == .officer)
        #expect(police?.organizationID == byShort["市公安局"]?.id)
        let admin = try await store.authenticate(username: "admin", password: "shuhui-admin")
        #expect(admin?.role == .admin)

        await store.close()
    }

    @Test func demoCityIsDeterministic() async throws {
        let (first, dir1) = try await freshStore()
        let (second, dir2) = try await freshStore()
        defer {
            try? FileManager.default.removeItem(at: dir1)
            try? FileManager.default.removeItem(at: dir2)
        }
        _ = try await DemoCity.load(into: first)
        _ = try await DemoCity.load(into: second)

        let units1 = try await first.organizations().map(\.code)
        let units2 = try await second.organizations().map(\.code)
        #expect(!units1.isEmpty)
        #expect(units1 == units2)

        let resources1 = try await first.resources().map { "\($0.code) \($0.draft.name)" }
        let resources2 = try await second.resources().map { "\($0.code) \($0.draft.name)" }
        #expect(!resources1.isEmpty)
        #expect(resources1 == resources2)

        let systems1 = try await first.systems(SystemQuery(page: PageRequest(limit: 500))).items.map { "\($0.code) \($0.owner)" }
        let systems2 = try await second.systems(SystemQuery(page: PageRequest(limit: 500))).items.map { "\($0.code) \($0.owner)" }
        #expect(systems1 == systems2)

        await first.close()
        await second.close()
    }
}
