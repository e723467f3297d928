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

/// 事项取消/停用: who may retire a matter, and what a retired matter drops out of.
@Suite struct OneWindowRetirementTests {
    /// 居民身份证申领 of the demo city: 市公安局, TOP-100, joined 2018-04-10, handled online.
    static let code = "330100-QR-GA-001"

    static func codes(_ list: [String: Any]) -> [String] {
        (list["items"] as? [[String: Any]] ?? []).compactMap { ($0["draft"] as? [String: Any])?["code"] as? String }
    }

    @Test func retiringIsAuthorisedAsEditingAndNeedsAReason() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin"), police = try await city.token("police"), hrss = try await city.token("hrss")
            let query = try await city.token("query"), auditor = try await city.token("auditor")
            let retire = "/api/v1/matters/\(Self.code)/retire"
            for token in [hrss, query, auditor] {
                try expectProblem(try await post(client, retire, token, ["reason": "取消"]), .forbidden)
            }
            try expectProblem(try await post(client, retire, police, ["reason": " "]), .unprocessableContent, field: "reason")
            try expectProblem(try await post(client, retire, police, ["reason": "取消", "retiredOn": "2018-02-30"]), .unprocessableContent, field: "retiredOn")
            try expectProblem(try await post(client, retire, police, ["reason": "取消", "state": "retired"]), .unprocessableContent, field: "state")
            try expectProblem(try await post(client, "/api/v1/matters/NOPE/retire", admin, ["reason": "取消"]), .notFound)
            #expect(try await city.store.matter(code: Self.code).retirement == nil)

            let retired = try json(try await post(client, retire, police, ["reason": "依据省级事项库取消"]).body)
            let r = try #require(retired["retirement"] as? [String: Any])
            #expect(r["retiredOn"] as? String == CalendarDate.today().description && r["reason"] as? String == "依据省级事项库取消")
            try expectProblem(try await post(client, retire, admin, ["reason": "again"]), .conflict)

            let reinstate = "/api/v1/matters/\(Self.code)/reinstate"
            try expectProblem(try await post(client, reinstate, hrss), .forbidden)
            try expectProblem(try await post(client, reinstate, query), .forbidden)
            #expect(try await post(client, reinstate, police).status == .ok)
            try expectProblem(try await post(client, reinstate, police), .conflict)
            #expect(try await city.store.matter(code: Self.code).retirement == nil)
        }
    }

    @Test func aRetiredMatterLeavesTheCatalogReportsAndNewCasesButKeepsItsHistory() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin"), police = try await city.token("police")
            let oldCase = try json(try await post(client, "/api/v1/cases", police, ["matterCode": Self.code, "applicant": "张三"]).body)
            let bundle: [String: Any] = ["code": "id-card-bundle", "name": "身份证与户口一件事", "organizationID": Int(try await city.organization("市公安局").id),
                                         "matterCodes": [Self.code, "330100-QR-GA-002"]]
            #expect(try await post(client, "/api/v1/bundles", admin, bundle).status == .created)
            let before = try await getJSON(client, "/api/v1/one-window/summary", admin)
            let topBefore = try await getJSON(client, "/api/v1/one-window/report/top100", admin)
            let onlineBefore = try await getJSON(client, "/api/v1/one-window/online", admin)
            #expect(Self.codes(try await getJSON(client, "/api/v1/one-window/top-matters?n=500", admin)).contains(Self.code))

            #expect(try await post(client, "/api/v1/matters/\(Self.code)/retire", police, ["reason": "事项取消"]).status == .ok)

            // Out of the in-force catalog, listed under retired and all.
            #expect(!Self.codes(try await getJSON(client, "/api/v1/matters?limit=500", admin)).contains(Self.code))
            #expect(Self.codes(try await getJSON(client, "/api/v1/matters?status=retired", admin)) == [Self.code])
            #expect(Self.codes(try await getJSON(client, "/api/v1/matters?status=all&limit=500", admin)).contains(Self.code))
            try expectProblem(try await client.execute(uri: "/api/v1/matters?status=gone", method: .get, headers: .bearer(admin)), .badRequest, field: "status")
            // Out of TOP-N, 附件 6, the online figures and the summary's join rates.
            #expect(!Self.codes(try await getJSON(client, "/api/v1/one-window/top-matters?n=500", admin)).contains(Self.code))
            let top = try await getJSON(client, "/api/v1/one-window/report/top100", admin)
            func total(_ r: [String: Any], _ key: String) -> Int { (r["total"] as? [String: Any])?[key] as? Int ?? -1 }
            #expect(total(top, "planned") == total(topBefore, "planned") - 1 && total(top, "joined") == total(topBefore, "joined") - 1)
            #expect((try await getJSON(client, "/api/v1/one-window/online", admin)["matters"] as? Int) == (onlineBefore["matters"] as? Int ?? 0) - 1)
            let after = try await getJSON(client, "/api/v1/one-window/summary", admin)
            func tally(_ r: [String: Any], _ part: String, _ key: String) -> Int { (r[part] as? [String: Any])?[key] as? Int ?? -1 }
            #expect(tally(after, "matters", "planned") == tally(before, "matters", "planned") - 1)
            #expect(tally(after, "top100", "joined") == tally(before, "top100", "joined") - 1)
            // …but a report as of a day before the retirement still counts it.
            let past = try await getJSON(client, "/api/v1/one-window/report/top100?asOf=\(CalendarDate.today().adding(days: -1))", admin)
            #expect(total(past, "planned") == total(topBefore, "planned"))

            // No new case at a window, in a bundle, or in a new bundle; the refusal names the matter.
            let window = try expectProblem(try await post(client, "/api/v1/cases", police, ["matterCode": Self.code, "applicant": "李四"]), .unprocessableContent, field: "matterCode")
            #expect(problemText(window).contains(Self.code) && problemText(window).contains("居民身份证申领"))
            let casesBefore = try await city.store.cases(CaseQuery(page: PageRequest(limit: 1))).total
            try expectProblem(try await post(client, "/api/v1/bundles/id-card-bundle/applications", police, ["applicant": "王五"]), .unprocessableContent, field: "matterCode")
            #expect(try await city.store.cases(CaseQuery(page: PageRequest(limit: 1))).total == casesBefore)
            var second = bundle
            second["code"] = "id-card-bundle-2"
            try expectProblem(try await post(client, "/api/v1/bundles", admin, second), .unprocessableContent, field: "matterCodes[0]")

            // History stays: the old case, its counts, and the export (flagged).
            let id = try #require(oldCase["id"] as? Int)
            #expect(try await getJSON(client, "/api/v1/cases/\(id)", police)["matterCode"] as? String == Self.code)
            #expect(try json(try await post(client, "/api/v1/cases/\(id)/actions", police, ["action": "prereview"]).body)["state"] as? String == "prereview")
            let byMatter = try await getJSON(client, "/api/v1/case-statistics?by=matter", admin)
            #expect((byMatter["rows"] as? [[String: Any]])?.contains { $0["key"] as? String == Self.code } == true)
            let export = String(buffer: try await client.execute(uri: "/api/v1/one-window/export/matters?format=csv", method: .get, headers: .bearer(admin)).body)
            let header = try #require(export.split(whereSeparator: \.isNewline).first).split(separator: ",").map(String.init)
            let line = try #require(export.split(whereSeparator: \.isNewline).first { $0.contains(Self.code) }).split(separator: ",", omittingEmptySubsequences: false)
            let column = try #require(header.firstIndex(of: "停用日期"))
            #expect(String(line[column]) == CalendarDate.today().description && String(line[column + 1]) == "事项取消")

            // Reinstated, it takes cases again.
            #expect(try await post(client, "/api/v1/matters/\(Self.code)/reinstate", admin).status == .ok)
            #expect(try await post(client, "/api/v1/cases", police, ["matterCode": Self.code, "applicant": "李四"]).status == .created)
        }
    }
}
