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

/// 000 (the bulletin of 18 May 2018) 附件 6, 杭州市办件量前 100 事项“一窗受理”平台接入情况,
/// rebuilt through the spreadsheet path: its twenty departments registered, the bureau's TOP-100
/// list imported, the joins filled in by a second import (one department's by its own data
/// officer), and the report read as of 18 May.
@Suite struct OneWindowAttachment6Tests {
    /// 部门, 确认事项总数, 已接入数, 接入占比 — as printed. The seed prints 市园林文物局's 0/6 as
    /// "00.00%"; the platform prints 0.00%, as for every other 0 in the table.
    static let seed: [(String, Int, Int, String)] = [
        ("市安全生产监督管理局", 1, 0, "0.00%"), ("市地方税务局", 4, 0, "0.00%"), ("市城市管理委员会", 4, 4, "100.00%"),
        ("市住房公积金管理中心", 2, 0, "0.00%"), ("市规划局（市测绘局）", 1, 0, "0.00%"), ("市环境保护局", 3, 3, "100.00%"),
        ("市交通运输局（运管）", 10, 8, "80.00%"), ("市经济和信息化委员会", 2, 0, "0.00%"), ("市林业水利局", 2, 2, "100.00%"),
        ("市旅游委员会", 1, 1, "100.00%"), ("市民政局", 4, 4, "100.00%"), ("市农业局", 1, 1, "100.00%"), ("市气象局", 1, 1, "100.00%"),
        ("市人力社保局", 12, 11, "91.67%"), ("市市场监管局", 13, 10, "76.92%"), ("市卫计委", 28, 25, "89.29%"), ("市文广新局", 1, 1, "100.00%"),
        ("市烟草专卖局", 3, 3, "100.00%"), ("市园林文物局", 6, 0, "0.00%"), ("市住保房管局", 8, 5, "62.50%"),
    ]
    static let total = (107, 79, "73.83%")
    static let asOf = "2018-05-18"
    static let header = ["实施编码", "事项名称", "事项类型", "实施主体", "行使层级", "办件量", "TOP100", "网上办理", "接入日期", "对接方式", "对接批次"]

    /// The bureau's list: each department's confirmed TOP-100 matters (not yet joined), plus
    /// what must not count — a matter off the TOP-100 list, and a TOP-100 matter retired
    /// before the day (added to 市园林文物局, whose six are joined only after it).
    static func listRows() -> [[String]] {
        var rows = [header]
        for (d, (unit, confirmed, _, _)) in seed.enumerated() {
            for i in 0..<confirmed {
                rows.append([code(d, i), "\(unit)事项\(i + 1)", "行政许可", unit, "市级", String(10_000 - i), "是", "是", "", "", ""])
            }
        }
        rows.append(["A6-OFF-LIST", "非 TOP100 事项", "公共服务", "市民政局", "市级", "12", "否", "是", "2018-04-10", "表单在一窗平台", "第一批"])
        rows.append(["A6-RETIRED", "已取消事项", "行政许可", "市园林文物局", "市级", "9", "是", "是", "2018-04-10", "表单在一窗平台", "第一批"])
        return rows
    }

    static func code(_ department: Int, _ i: Int) -> String { "A6-\(department + 1)-\(i + 1)" }

    /// The departments' fill-in: the first `joined` of each unit's matters joined by 18 May;
    /// 市园林文物局's on 1 June, after the day.
    static func fillRows(where keep: (String) -> Bool) -> [[String]] {
        var rows = [header]
        for (d, (unit, confirmed, joined, _)) in seed.enumerated() where keep(unit) {
            for i in 0..<confirmed {
                let on = unit == "市园林文物局" ? "2018-06-01" : (i < joined ? (i % 2 == 0 ? "2018-04-10" : "2018/5/15") : "")
                rows.append([code(d, i), "\(unit)事项\(i + 1)", "行政许可", unit, "市级", String(10_000 - i), "是", "是", on,
                             on.isEmpty ? "" : (i % 2 == 0 ? "表单在一窗平台" : "表单在自建系统"), on.isEmpty ? "" : "第一批"])
            }
        }
        return rows
    }

    @Test func theSeedsDepartmentsImportedReproduceTheTable() async throws {
        let store = try await Store.temporary()
        let city = TestCity(store: store, app: Application(router: ShuhuiApp.router(store: store)))
        do {
            // The units of the table, and nothing else.
            var units: [String: Int64] = [:]
            for (i, (name, _, _, _)) in Self.seed.enumerated() {
                let code = CreditCode.make(authority: "1", kind: "1", region: "330100", organizationCode8: String(format: "A6%06d", i + 1)).value
                units[name] = try await store.createOrganization(OrganizationInput(code: code, name: name, kind: .department, regionCode: "330100")).id
            }
            let admin = try await store.createUser(UserInput(username: "chief", password: "shuhui-test-admin", role: .admin))
            let officer = try await store.createUser(UserInput(username: "rs-officer", password: "shuhui-test-officer", role: .officer, organizationID: units["市人力社保局"]))
            let adminToken = try await store.issueToken(for: admin.id, name: "test").secret
            let officerToken = try await store.issueToken(for: officer.id, name: "test").secret

            try await city.app.test(.router) { client in
                let listed = try await uploadCSV(client, "/api/v1/one-window/import/matters", adminToken, Self.listRows())
                #expect(listed.status == .ok, "\(String(buffer: listed.body))")
                #expect((try json(listed.body)["created"] as? [String])?.count == Self.total.0 + 2)
                let retired = try await post(client, "/api/v1/matters/A6-RETIRED/retire", adminToken, ["reason": "省级事项库取消", "retiredOn": "2018-05-01"])
                #expect(retired.status == .ok, "\(String(buffer: retired.body))")

                // 市人力社保局 fills in its own rows; it could not fill in another unit's.
                let others = try await uploadCSV(client, "/api/v1/one-window/import/matters", officerToken, Self.fillRows { $0 == "市民政局" })
                try expectProblem(others, .forbidden)
                let own = try await uploadCSV(client, "/api/v1/one-window/import/matters", officerToken, Self.fillRows { $0 == "市人力社保局" })
                #expect(own.status == .ok, "\(String(buffer: own.body))")
                #expect((try json(own.body)["updated"] as? [String])?.count == 11)
                let rest = try await uploadCSV(client, "/api/v1/one-window/import/matters", adminToken, Self.fillRows { $0 != "市人力社保局" })
                #expect(rest.status == .ok, "\(String(buffer: rest.body))")

                let report = try await getJSON(client, "/api/v1/one-window/report/top100?asOf=\(Self.asOf)", adminToken)
                let rows = try #require(report["rows"] as? [[String: Any]])
                func line(_ r: [String: Any]) -> (String, Int, Int, String) {
                    (r["name"] as? String ?? "", r["planned"] as? Int ?? -1, r["joined"] as? Int ?? -1, ((r["rate"] as? [String: Any])?["percent"] as? String ?? "") + "%")
                }
                #expect(rows.count == Self.seed.count)
                for (i, (r, s)) in zip(rows.map(line), Self.seed).enumerated() {
                    #expect(r == s, "line \(i + 1): \(r) ≠ \(s)")
                    #expect(rows[i]["rank"] as? Int == i + 1)
                }
                let total = line(try #require(report["total"] as? [String: Any]))
                #expect(total == ("总计", Self.total.0, Self.total.1, Self.total.2))
                // Section 三's sentence reads the same figures: 107 项，已接入 79 项，完成率 73.83%.
                let summary = try await getJSON(client, "/api/v1/one-window/summary?asOf=\(Self.asOf)", adminToken)
                let top = try #require(summary["top100"] as? [String: Any])
                #expect(top["planned"] as? Int == 107 && top["joined"] as? Int == 79 && (top["rate"] as? [String: Any])?["percent"] as? String == "73.83")
                // After 1 June 市园林文物局's six count as joined.
                let june = try await getJSON(client, "/api/v1/one-window/report/top100?asOf=2018-06-01", adminToken)
                #expect(line(try #require(june["total"] as? [String: Any])).2 == 85)
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
