import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

@Suite struct OneWindowCaseTests {
    static func matter(_ code: String, unit: Int64, days: Int = 5) -> [String: Any] {
        ["code": code, "name": "测试事项\(code)", "kind": "licence", "organizationID": unit, "level": "municipal", "legalDays": 20, "promisedDays": days]
    }

    @Test func caseThroughItsStatesWithAccessAndHistory() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin"), police = try await city.token("police"), hrss = try await city.token("hrss")
            let query = try await city.token("query"), approver = try await city.token("approver")
            let unit = try await city.organization("市公安局").id
            let countsBefore = try await getJSON(client, "/api/v1/case-statistics?by=unit", admin)["total"] as? [String: Any] ?? [:]
            let created = try await post(client, "/api/v1/matters", police, Self.matter("OW-C-1", unit: unit))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            // Another unit's officer may not create or edit the police's matters.
            try expectProblem(try await post(client, "/api/v1/matters", hrss, Self.matter("OW-C-2", unit: unit)), .forbidden)
            let edit = try await client.execute(uri: "/api/v1/matters/OW-C-1", method: .put, headers: .bearer(hrss), body: try body(Self.matter("OW-C-1", unit: unit)))
            try expectProblem(edit, .forbidden)
            try expectProblem(try await post(client, "/api/v1/matters", police, Self.matter("OW-C-1", unit: unit)), .conflict)
            var bad = Self.matter("OW C 3", unit: unit)
            bad["promisedDays"] = 30
            try expectProblem(try await post(client, "/api/v1/matters", police, bad), .unprocessableContent, field: "promisedDays")

            // Receive at the window; query users, approvers and other units cannot.
            for token in [query, approver, hrss] {
                try expectProblem(try await post(client, "/api/v1/cases", token, ["matterCode": "OW-C-1", "applicant": "张三"]), .forbidden)
            }
            try expectProblem(try await post(client, "/api/v1/cases", police, ["matterCode": "OW-C-1", "applicant": " "]), .unprocessableContent, field: "applicant")
            let received = try json(try await post(client, "/api/v1/cases", police, ["matterCode": "OW-C-1", "applicant": "张三"]).body)
            let id = try #require(received["id"] as? Int)
            #expect(received["state"] as? String == "applied" && received["allowedActions"] as? [String] == ["prereview", "withdraw", "terminate"])
            let act = "/api/v1/cases/\(id)/actions"

            try expectProblem(try await post(client, act, query, ["action": "prereview"]), .forbidden)
            try expectProblem(try await post(client, act, hrss, ["action": "prereview"]), .forbidden)
            try expectProblem(try await post(client, act, police, ["action": "accept"]), .conflict)
            try expectProblem(try await post(client, act, police, ["action": "fly"]), .unprocessableContent, field: "action")
            #expect(try json(try await post(client, act, police, ["action": "prereview"]).body)["state"] as? String == "prereview")
            let accepted = try json(try await post(client, act, police, ["action": "accept"]).body)
            #expect(accepted["state"] as? String == "accepted" && accepted["dueOn"] is String && accepted["overdue"] as? Bool == false)
            try expectProblem(try await post(client, act, police, ["action": "requestCorrection"]), .unprocessableContent, field: "reason")
            let paused = try json(try await post(client, act, police, ["action": "requestCorrection", "reason": "缺身份证复印件"]).body)
            #expect(paused["state"] as? String == "correction" && paused["paused"] as? Bool == true && paused["dueOn"] == nil)
            #expect(try json(try await post(client, act, police, ["action": "resubmit"]).body)["state"] as? String == "review")
            let done = try json(try await post(client, act, admin, ["action": "approve"]).body)
            #expect(done["state"] as? String == "approved" && (done["allowedActions"] as? [String])?.isEmpty == true)
            try expectProblem(try await post(client, act, police, ["action": "withdraw"]), .conflict)

            let detail = try json(try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: .bearer(police)).body)
            #expect((detail["events"] as? [[String: Any]])?.map { $0["action"] as? String } == ["submit", "prereview", "accept", "requestCorrection", "resubmit", "approve"])
            #expect((detail["events"] as? [[String: Any]])?[3]["reason"] as? String == "缺身份证复印件")
            try expectProblem(try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: .bearer(hrss)), .forbidden)

            // Counts per unit and week; the summary the bulletin reads.
            let counts = try await getJSON(client, "/api/v1/case-statistics?by=unit", admin)
            let total = try #require(counts["total"] as? [String: Any])
            for key in ["received", "accepted", "completed"] { #expect((total[key] as? Int ?? 0) - (countsBefore[key] as? Int ?? 0) == 1, "\(key)") }
            let byMatter = try await getJSON(client, "/api/v1/case-statistics?by=matter", admin)
            let line = (byMatter["rows"] as? [[String: Any]])?.first { $0["key"] as? String == "OW-C-1" }
            #expect(line?["received"] as? Int == 1 && line?["completed"] as? Int == 1)
            let weekly = try await getJSON(client, "/api/v1/case-statistics?by=week", admin)
            #expect((weekly["total"] as? [String: Any])?["received"] as? Int == total["received"] as? Int)
            let summary = try await getJSON(client, "/api/v1/one-window/summary", admin)
            #expect((summary["cases"] as? [String: Any])?["completed"] as? Int == total["completed"] as? Int)
        }
    }

    /// Officers enter cases at a window only; a system's cases come through the gateway with
    /// its app key (``OneWindowIntakeTests``). Joins are set by the system's unit or the bureau.
    @Test func officersEnterWindowCasesAndSetTheirOwnSystemsJoins() async throws {
        try await TestCity.run { city, client in
            let police = try await city.token("police"), hrss = try await city.token("hrss")
            let unit = try await city.organization("市公安局")
            let system = try #require(try await city.store.systems(organizationID: unit.id).first)
            _ = try await post(client, "/api/v1/matters", police, Self.matter("OW-S-1", unit: unit.id))
            let joined = try await client.execute(uri: "/api/v1/one-window/joins/\(system.id)", method: .put, headers: .bearer(police),
                                                  body: try body(["planned": true, "join": ["joinedOn": "2018-04-10", "mode": "ownSystemForm", "batch": "第一批"]] as [String: Any]))
            #expect(joined.status == .ok)
            let claimed: [String: Any] = ["matterCode": "OW-S-1", "applicant": "李四", "systemID": system.id, "externalCode": "GA-2018-0001"]
            let refused = try expectProblem(try await post(client, "/api/v1/cases", police, claimed), .unprocessableContent, field: "systemID")
            #expect((refused["errors"] as? [[String: Any]])?.contains { $0["field"] as? String == "externalCode" } == true)
            let window = try json(try await post(client, "/api/v1/cases", police, ["matterCode": "OW-S-1", "applicant": "李四"]).body)
            #expect(window["channel"] as? String == "window" && window["systemID"] == nil)
            // A unit cannot set another unit's system's join.
            try expectProblem(try await client.execute(uri: "/api/v1/one-window/joins/\(system.id)", method: .put, headers: .bearer(hrss),
                                                       body: try body(["planned": false, "join": [String: Any]()] as [String: Any])), .forbidden)
        }
    }

    @Test func bundleOpensACasePerMatterAndCompletesWithThem() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin"), police = try await city.token("police")
            let p = try await city.organization("市公安局").id, h = try await city.organization("市人力社保局").id
            _ = try await post(client, "/api/v1/matters", admin, Self.matter("OW-B-1", unit: p))
            _ = try await post(client, "/api/v1/matters", admin, Self.matter("OW-B-2", unit: h))
            let bundle: [String: Any] = ["code": "newborn-test", "name": "新生儿出生一件事（测试）", "organizationID": p, "matterCodes": ["OW-B-1", "OW-B-2"]]
            try expectProblem(try await post(client, "/api/v1/bundles", police, bundle), .forbidden)
            try expectProblem(try await post(client, "/api/v1/bundles", admin, ["code": "x", "name": "x", "organizationID": p, "matterCodes": ["OW-B-1", "NOPE"]]),
                              .unprocessableContent, field: "matterCodes[1]")
            #expect(try await post(client, "/api/v1/bundles", admin, bundle).status == .created)
            let app = try json(try await post(client, "/api/v1/bundles/newborn-test/applications", police, ["applicant": "王五"]).body)
            let cases = try #require(app["cases"] as? [[String: Any]])
            #expect(cases.count == 2 && app["progress"] as? String == "open")
            for c in cases {
                let id = try #require(c["id"] as? Int)
                for a in ["prereview", "accept", "review", "approve"] { _ = try await post(client, "/api/v1/cases/\(id)/actions", admin, ["action": a]) }
            }
            let after = try await getJSON(client, "/api/v1/bundle-applications/\(try #require(app["id"] as? Int))", admin)
            #expect(after["progress"] as? String == "completed")
            let stats = try await getJSON(client, "/api/v1/bundle-statistics", admin)
            #expect(stats["mattersMerged"] as? Int ?? 0 >= 2 && stats["completed"] as? Int ?? 0 >= 1)
        }
    }

    @Test func openAPIDescribesTheOneWindowRoutes() async throws {
        try await TestCity.run { _, client in
            let doc = try json(try await client.execute(uri: "/openapi.json", method: .get).body)
            let paths = try #require(doc["paths"] as? [String: Any])
            for path in ["/api/v1/matters", "/api/v1/cases/{id}/actions", "/api/v1/bundles", "/api/v1/indicator-ranking", "/api/v1/one-window/report/systems", "/api/v1/one-window/summary"] {
                #expect(paths[path] != nil, "\(path)")
            }
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for name in ["MatterDraft", "Case", "IndicatorRanking", "SystemJoinReport", "OneWindowSummary"] { #expect(schemas[name] != nil, "\(name)") }
        }
    }
}
