import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiSpreadsheet
import ShuhuiStore
import Testing

@Suite struct CatalogAPITests {
    @Test func searchIsPaginatedAndWorksInChinese() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("query")
            let all = try json(try await client.execute(uri: "/api/v1/resources?limit=5", method: .get, headers: .bearer(token)).body)
            let total = try #require(all["total"] as? Int)
            #expect((all["items"] as? [Any])?.count == 5 && total > 5)
            let q = "人口".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try json(try await client.execute(uri: "/api/v1/resources?q=\(q)", method: .get, headers: .bearer(token)).body)
            let items = try #require(found["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.allSatisfy { ($0["name"] as? String)?.isEmpty == false })
            let field = "公民身份号码".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byField = try json(try await client.execute(uri: "/api/v1/resources?field=\(field)&grade=L3", method: .get, headers: .bearer(token)).body)
            for item in byField["items"] as? [[String: Any]] ?? [] { #expect(item["grade"] as? String == "L3") }
            // Pages don't overlap and cover the total.
            var seen = Set<String>()
            var offset = 0
            while offset < total {
                let page = try json(try await client.execute(uri: "/api/v1/resources?limit=20&offset=\(offset)", method: .get, headers: .bearer(token)).body)
                for item in page["items"] as? [[String: Any]] ?? [] { seen.insert(item["code"] as? String ?? "") }
                offset += 20
            }
            #expect(seen.count == total)
        }
    }

    @Test func createUpdateKeepsVersionsAndDiffs() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("hrss")
            let hrss = try await city.organization("市人力社保局")
            let draft = ResourceDraft(
                name: "灵活就业人员登记", categoryCode: "201001", providerID: hrss.id, sharing: .conditional, sharingCondition: "仅限社保经办",
                sharingModes: [.api], open: .notOpen, grade: .l3,
                fields: [Field(name: "公民身份号码", code: "gmsfhm", type: .string, length: 18, required: true, primaryKey: true, sensitivity: .l3),
                         Field(name: "姓名", code: "xm", type: .string, length: 50, required: true, sensitivity: .l2)])
            let created = try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(draft))
            #expect(created.status == .created)
            let code = try #require(try json(created.body)["code"] as? String)
            #expect(code.hasPrefix("201001-"))
            var changed = draft
            changed.grade = .l4
            changed.fields.append(Field(name: "登记日期", code: "djrq", type: .date))
            changed.fields[1].length = 100
            #expect(try await client.execute(uri: "/api/v1/resources/\(code)", method: .put, headers: .bearer(token), body: try body(changed)).status == .ok)
            let versions = try json(try await client.execute(uri: "/api/v1/resources/\(code)/versions", method: .get, headers: .bearer(token)).body)
            let list = try #require(versions["items"] as? [[String: Any]])
            #expect(list.count == 2 && list[0]["version"] as? Int == 2 && list[0]["actorName"] as? String != nil)
            let diff = try json(try await client.execute(uri: "/api/v1/resources/\(code)/diff?from=1&to=2", method: .get, headers: .bearer(token)).body)
            let paths = Set((diff["changes"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            #expect(paths.isSuperset(of: ["grade", "fields.djrq", "fields.xm.length"]))
            // An unchanged save keeps the version.
            #expect(try await client.execute(uri: "/api/v1/resources/\(code)", method: .put, headers: .bearer(token), body: try body(changed)).status == .ok)
            #expect(try await city.store.resource(code: code).version == 2)
        }
    }

    @Test func statisticsMatchTheCatalog() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("admin")
            let stats = try json(try await client.execute(uri: "/api/v1/catalog/statistics", method: .get, headers: .bearer(token)).body)
            let drafts = try await city.store.resources().map(\.draft)
            let names = Dictionary(uniqueKeysWithValues: try await city.store.organizations().map { ($0.id, $0.shortName) })
            let expected = CatalogStatistics(drafts: drafts, names: names)
            #expect(stats["resources"] as? Int == expected.resources)
            #expect(stats["fields"] as? Int == expected.fields)
            #expect(stats["shareableFields"] as? Int == expected.shareableFields)
            #expect((stats["byUnit"] as? [Any])?.count == expected.byUnit.count)
            let census = try json(try await client.execute(uri: "/api/v1/census/statistics", method: .get, headers: .bearer(token)).body)
            let total = try #require(census["total"] as? Int)
            #expect((census["upperLevel"] as? Int ?? 0) + (census["localLevel"] as? Int ?? 0) == total)
        }
    }

    @Test func spreadsheetRoundTripAndAllOrNothing() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("admin")
            let before = try await city.store.catalogStatistics()
            // Export, re-import: nothing changes.
            let export = try await client.execute(uri: "/api/v1/catalog/export?format=xlsx", method: .get, headers: .bearer(token))
            #expect(export.status == .ok)
            let xlsx = Data(buffer: export.body)
            let report = try json(try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: ByteBuffer(bytes: xlsx)).body)
            #expect((report["unchanged"] as? [Any])?.count == before.resources)
            #expect((report["created"] as? [Any])?.isEmpty == true)

            // A CSV of new resources with one bad row among many applies nothing.
            var rows = [CatalogTemplate.columns]
            func row(_ name: String, _ field: String, _ code: String, type: String = "字符型", grade: String = "L2") -> [String] {
                ["", name, "301001", "市公安局", "", "", "", "数据库表", "每日", "有条件共享", "仅限公安业务", "接口调用", "禁止开放", "", grade, "", "", "",
                 field, code, type, "20", "否", "否", "", "L1", ""]
            }
            for i in 1...30 { rows.append(row("测试资源\(i)", "字段", "zd")) }
            rows.append(row("测试资源31", "字段", "zd", type: "图片型"))
            let bad = try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: ByteBuffer(bytes: CSV.write(rows)))
            let problem = try expectProblem(bad, .unprocessableContent)
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors[0]["row"] as? Int == 32 && errors[0]["column"] as? String == "数据类型" && errors[0]["sheet"] != nil)
            #expect(try await city.store.catalogStatistics().resources == before.resources)

            rows.removeLast()
            let ok = try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: ByteBuffer(bytes: CSV.write(rows)))
            #expect(ok.status == .ok)
            #expect(try await city.store.catalogStatistics().resources == before.resources + 30)
        }
    }

    @Test func officerImportForAnotherUnitIsRefused() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            var rows = [CatalogTemplate.columns]
            rows.append(["", "社保测试", "301001", "市人力社保局", "", "", "", "数据库表", "每日", "无条件共享", "", "接口调用", "禁止开放", "", "L1", "", "", "",
                         "字段", "zd", "字符型", "", "否", "否", "", "L1", ""])
            let r = try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: ByteBuffer(bytes: CSV.write(rows)))
            try expectProblem(r, .forbidden)
        }
    }
}
