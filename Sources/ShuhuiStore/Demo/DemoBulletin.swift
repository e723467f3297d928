// The demo city's statistics: opening balances and eight weeks of generated activity ending
// with the seed's week (2018-03-24 … 2018-05-18), a few data services and grants, and the
// bulletins of the last two weeks issued, so a newcomer sees a full bulletin at once
// (`shuhui report weekly --week-ending 2018-05-18`). Deterministic: a fixed seed and fixed
// dates give the same records on every load.
import Foundation
import ShuhuiCore
import SQLKit

/// Loads the bulletin's demo records.
enum DemoBulletin {
    /// The seed week's Friday; the activity covers the eight weeks ending on it.
    static let lastWeek = ReportPeriod.week(ending: CalendarDate(year: 2018, month: 5, day: 18)!)!
    static let weeks = 8

    static func load(into store: Store, admin: Principal) async throws {
        var rng = SplitMix64(seed: 0x4255_4C4C_4554_494E)
        let firstDay = lastWeek.start.adding(days: -7 * (weeks - 1))
        let balanceDay = firstDay.adding(days: -1)
        let days = (0..<(7 * weeks)).map { firstDay.adding(days: $0) }
        func at(_ day: CalendarDate, hour: Int = 10) -> Date { Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 + (hour - 8) * 3600)) }

        let units = try await store.organizations()
        let resources = try await store.resources()
        var systems: [Int64: [InformationSystem]] = [:]
        for u in units { systems[u.id] = try await store.systems(organizationID: u.id) }

        // Opening balances as of the day before the eight weeks.
        var csv = "单位,系统,指标,截至日期,数值,备注\n"
        let providers = Set(resources.map(\.draft.providerID))
        for u in units where providers.contains(u.id) {
            let rows = Int64(1_000_000 + rng.below(400_000_000))
            csv += "\(u.shortName),,collectedRows,\(balanceDay),\(rows),2018年一季度审计\n"
            csv += "\(u.shortName),,storedBytes,\(balanceDay),\(rows * Int64(200 + rng.below(900))),2018年一季度审计\n"
        }

        // Data services over the first shareable resources of 市公安局, 市人力社保局 and 市民卡公司 …
        let serviceOwners = ["市公安局", "市人力社保局", "市市场监管局", "市民卡公司", "市住保房管局", "市国土资源局"]
        var services: [(id: Int64, resource: Resource)] = []
        for owner in serviceOwners {
            guard let org = units.first(where: { $0.shortName == owner }) else { continue }
            for r in resources.filter({ $0.draft.providerID == org.id && $0.draft.sharing != .notShared && $0.draft.sharingModes.contains(.api) }).prefix(2) {
                let fields = r.draft.fields.filter { $0.sharing != .notShared }.map(\.code)
                guard let key = r.draft.fields.first(where: \.primaryKey)?.code, !fields.isEmpty else { continue }
                let code = "demo-\(r.code.replacingOccurrences(of: "-", with: "").lowercased())"
                let s = try await store.createService(DataServiceDraft(code: code, name: r.draft.name + "查询", resourceCode: r.code, fields: fields,
                                                                       parameters: [ServiceParameter(field: key, required: true)]),
                                                      by: admin, now: at(firstDay.adding(days: -30)))
                _ = try await store.setServiceState(code: s.draft.code, .published, by: admin, now: at(firstDay.adding(days: -30)))
                services.append((s.id, r))
            }
        }

        // Calling systems: the first system of each municipal department and district that has one.
        let callers = units.filter { ($0.kind == .department || $0.kind == .district || $0.kind == .company) && !(systems[$0.id] ?? []).isEmpty }
            .prefix(24).map { ($0, systems[$0.id]![0]) }
        for (u, s) in callers.prefix(12) {
            csv += "\(u.shortName),\(s.code),calls,\(balanceDay),\(10_000 + rng.below(5_000_000)),接口平台迁移前累计\n"
        }
        _ = try await store.importOpeningBalances(csv: Data(csv.utf8), by: admin)

        // Grants: API requests by callers, approved on 2018-04-02, so the unused ones show in 附件 4.
        var granted: [(system: Int64, unit: Int64, resource: Resource)] = []
        for (i, (u, s)) in callers.enumerated() where !services.isEmpty {
            let r = services[i % services.count].resource
            guard r.draft.providerID != u.id else { continue }
            let fields = Array(r.draft.fields.filter { $0.sharing != .notShared }.map(\.code).prefix(3))
            let requestDay = firstDay.adding(days: 9 + i % 5)
            let req = try await store.createSharingRequest(SharingRequestDraft(
                resourceCode: r.code, systemID: s.id, fields: fields, mode: .api, purpose: "政务服务办理核验", legalBasis: "《浙江省公共数据和电子政务管理办法》",
                validUntil: "2020-12-31"), by: admin, now: at(requestDay))
            var state = req
            while state.state == .pendingProvider || state.state == .pendingBureau {
                state = try await store.decide(requestID: req.id, .approve, by: admin, now: at(requestDay, hour: 15))
            }
            granted.append((s.id, u.id, r))
        }
        // Push subscriptions (附件 2): callers and the provincial centre, granted and subscribed in
        // the first week; query pages (附件 5) over the services whose resources offer them, with
        // query grants for callers and 西湖区 (the demo query user's unit).
        func grant(_ r: Resource, system: Int64, mode: SharingMode, day: CalendarDate) async throws -> Int64? {
            let fields = Array(r.draft.fields.filter { $0.sharing != .notShared }.map(\.code).prefix(4))
            var req = try await store.createSharingRequest(SharingRequestDraft(
                resourceCode: r.code, systemID: system, fields: fields, mode: mode, purpose: "业务协同", legalBasis: "部门职责",
                validUntil: "2020-12-31"), by: admin, now: at(day))
            while req.state == .pendingProvider || req.state == .pendingBureau {
                req = try await store.decide(requestID: req.id, .approve, by: admin, now: at(day, hour: 16))
            }
            return req.grantID
        }
        var subscriptions: [(id: Int64, resource: Int64, provider: Int64, subscriber: Int64)] = []
        var pushers = Array(callers.prefix(10))
        if let province = units.first(where: { $0.kind == .provincialCentre }), let system = systems[province.id]?.first { pushers.append((province, system)) }
        for (i, (u, s)) in pushers.enumerated() {
            let offered = resources.filter { $0.draft.providerID != u.id && $0.draft.sharingModes.contains(.push) && $0.draft.sharing != .notShared }
            guard !offered.isEmpty else { continue }
            let r = offered[(i * 7) % offered.count]
            let day = firstDay.adding(days: i % 5)
            guard let g = try await grant(r, system: s.id, mode: .push, day: day) else { continue }
            let sub = try await store.createSubscription(PushSubscriptionDraft(grantID: g, mode: .incremental, targetKind: .directory, target: "demo/push-\(i + 1)"),
                                                         by: admin, now: at(day, hour: 17)).subscription
            subscriptions.append((sub.id, sub.resourceID, sub.providerID, sub.organizationID))
        }
        var modules: [(id: Int64, resource: Resource)] = []
        for (i, service) in services.enumerated() where service.resource.draft.sharingModes.contains(.query) {
            let m = try await store.createQueryModule(QueryModuleDraft(code: "demo-query-\(i + 1)", name: service.resource.draft.name + "查询页",
                                                                       serviceCode: "demo-\(service.resource.code.replacingOccurrences(of: "-", with: "").lowercased())"),
                                                      by: admin, now: at(firstDay.adding(days: -20)))
            modules.append((m.module.id, service.resource))
        }
        var visitors: [(unit: Int64, module: Int64)] = []
        var queriers = Array(callers.dropFirst(10).prefix(8))
        if let xihu = units.first(where: { $0.shortName == "西湖区" }), let system = systems[xihu.id]?.first { queriers.append((xihu, system)) }
        for (i, (u, s)) in queriers.enumerated() {
            for (j, m) in modules.enumerated() where (i + j) % 2 == 0 && m.resource.draft.providerID != u.id {
                if try await grant(m.resource, system: s.id, mode: .query, day: firstDay.adding(days: 2 + j)) != nil { visitors.append((u.id, m.id)) }
            }
        }

        // Daily roll-ups: collection per resource, calls per system and service (two thirds of the grants are used).
        var collection: [String] = [], calls: [String] = []
        for r in resources {
            let scale = 200 + rng.below(40_000)
            for d in days where rng.below(10) < 7 {
                let rows = scale / 2 + rng.below(scale)
                collection.append("(\(r.id), \(r.draft.providerID), '\(d)', \(rows), \(1 + rng.below(3)), \(rows * (180 + rng.below(400))), \(rng.below(max(1, rows / 50))))")
            }
        }
        for (i, g) in granted.enumerated() where i % 3 != 2 {
            guard let service = services.first(where: { $0.resource.id == g.resource.id }) else { continue }
            let scale = 500 + rng.below(60_000)
            for d in days where d >= firstDay.adding(days: 14) && rng.below(10) < 8 {
                let n = scale / 2 + rng.below(scale)
                calls.append("('\(d)', \(g.system), \(service.id), \(g.unit), \(n), \(rng.below(max(1, n / 100))), \(n * 3), \(n * 900))")
            }
        }
        var pushes: [String] = [], visits: [String] = []
        for sub in subscriptions {
            let scale = 2_000 + rng.below(200_000)
            for d in days where d > firstDay.adding(days: 4) && rng.below(10) < 8 {
                pushes.append("('\(d)', \(sub.id), \(sub.resource), \(sub.provider), \(sub.subscriber), \(scale / 2 + rng.below(scale)), 1)")
            }
        }
        for v in visitors {
            let scale = 5 + rng.below(400)
            for d in days where d > firstDay.adding(days: 6) && rng.below(10) < 7 {
                visits.append("('\(d)', \(v.module), \(v.unit), \(1 + rng.below(scale)))")
            }
        }
        let collectionRows = collection, callRows = calls, pushRows = pushes, visitRows = visits
        try await store.database.transaction { db in
            for chunk in stride(from: 0, to: collectionRows.count, by: 400) {
                let values = collectionRows[chunk..<min(chunk + 400, collectionRows.count)].joined(separator: ", ")
                try await db.raw("INSERT INTO collection_daily (resource_id, organization_id, day, rows_collected, batches, bytes, problem_rows) VALUES \(unsafeRaw: values)").run()
            }
            for chunk in stride(from: 0, to: callRows.count, by: 400) {
                let values = callRows[chunk..<min(chunk + 400, callRows.count)].joined(separator: ", ")
                try await db.raw("INSERT INTO call_daily (day, system_id, service_id, organization_id, calls, failures, row_count, bytes) VALUES \(unsafeRaw: values)").run()
            }
            for chunk in stride(from: 0, to: pushRows.count, by: 400) {
                let values = pushRows[chunk..<min(chunk + 400, pushRows.count)].joined(separator: ", ")
                try await db.raw("INSERT INTO push_daily (day, subscription_id, resource_id, provider_id, organization_id, records, deliveries) VALUES \(unsafeRaw: values)").run()
            }
            for chunk in stride(from: 0, to: visitRows.count, by: 400) {
                let values = visitRows[chunk..<min(chunk + 400, visitRows.count)].joined(separator: ", ")
                try await db.raw("INSERT INTO query_visit_daily (day, module_id, organization_id, visits) VALUES \(unsafeRaw: values)").run()
            }
        }

        // The last two weeks' bulletins, issued; the seed's 面上工作 for the last.
        let work = [
            lastWeek.previous.end: "市数据资源管理局召开全市公共数据归集共享工作推进会，部署“最多跑一次”改革数据支撑工作。",
            lastWeek.end: "5月15日上午，市政府召开新闻发布会，正式发布全国首个城市数据大脑规划——《杭州城市数据大脑规划》，市数据资源管理局、市公安局介绍杭州城市数据大脑发展规划情况及最新工作进展，规划中提出城市数据大脑具体建设目标。到2022年，城市数据大脑将基本完成各场景建设，实现城市管理重点领域的全覆盖。",
        ]
        for period in [lastWeek.previous, lastWeek] {
            let b = try await store.generateBulletin(period, by: admin)
            _ = try await store.editBulletin(id: b.id, work: work[period.end] ?? "", by: admin)
            _ = try await store.checkBulletin(id: b.id, by: admin)
            _ = try await store.issueBulletin(id: b.id, by: admin)
        }
    }
}
