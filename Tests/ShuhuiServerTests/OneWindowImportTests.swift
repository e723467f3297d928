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

/// Uploads a CSV body.
func uploadCSV(_ client: any TestClientProtocol, _ uri: String, _ token: String, _ rows: [[String]]) async throws -> TestResponse {
    var headers: HTTPFields = [.authorization: "Bearer \(token)"]
    headers[.contentType] = "text/csv"
    let text = rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: text))
}

func getJSON(_ client: any TestClientProtocol, _ uri: String, _ token: String) async throws -> [String: Any] {
    let r = try await client.execute(uri: uri, method: .get, headers: .bearer(token))
    #expect(r.status == .ok, "\(uri): \(String(buffer: r.body))")
    return try json(r.body)
}

/// The spreadsheet rows of 001 附件 1 as systems and joins: for each unit, its planned systems
/// (created in the census where the demo city has too few) with the joined ones dated.
func attachment1Joins(_ city: TestCity) async throws -> [[String]] {
    let orgs = try await city.store.organizations()
    var rows = [["单位", "系统名称", "计划接入", "已接入", "接入日期", "对接方式", "对接批次"]]
    func plan(_ unit: Organization, planned: Int, joined: Int, systems: [InformationSystem]) {
        for (i, s) in systems.prefix(planned).enumerated() {
            let j = i < joined
            rows.append([unit.shortName, s.name, "是", j ? "是" : "否", j ? "2018-04-10" : "", j ? "表单在一窗平台" : "", j ? "第一批" : ""])
        }
    }
    // 市本级: 34 systems of municipal departments, 23 joined.
    var municipal: [(Organization, InformationSystem)] = []
    for o in orgs where o.kind == .department || o.kind == .company {
        for s in try await city.store.systems(organizationID: o.id) { municipal.append((o, s)) }
    }
    #expect(municipal.count >= 34)
    for (i, (o, s)) in municipal.prefix(34).enumerated() {
        let j = i < 23
        rows.append([o.shortName, s.name, "是", j ? "是" : "否", j ? "2018-05-15" : "", j ? "表单在自建系统" : "", j ? "第二批" : ""])
    }
    let districts: [(String, Int, Int)] = [
        ("江干区", 1, 1), ("西湖区", 1, 1), ("桐庐县", 3, 2), ("萧山区", 6, 3), ("余杭区", 8, 1),
        ("拱墅区", 1, 0), ("淳安县", 2, 0), ("建德市", 2, 0), ("富阳区", 4, 0), ("临安区", 2, 0),
    ]
    for (name, planned, joined) in districts {
        let unit = try await city.organization(name)
        var systems = try await city.store.systems(organizationID: unit.id)
        var n = 0
        while systems.count < planned {
            n += 1
            systems.append(try await city.store.createSystem(SystemInput(organizationID: unit.id, code: "OW-\(unit.regionCode)-\(n)", name: "\(name)业务办理系统\(n)", level: .district)))
        }
        plan(unit, planned: planned, joined: joined, systems: systems)
    }
    return rows
}

@Suite struct OneWindowImportTests {
    @Test func attachment1RatesFromSystemsAndJoins() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin")
            let rows = try await attachment1Joins(city)
            let imported = try await uploadCSV(client, "/api/v1/one-window/import/joins?mode=replace", admin, rows)
            #expect(imported.status == .ok, "\(String(buffer: imported.body))")
            let report = try json(imported.body)
            #expect(report["systems"] as? Int == 64 && report["joined"] as? Int == 31)

            let table = try await getJSON(client, "/api/v1/one-window/report/systems", admin)
            let lines = try #require(table["rows"] as? [[String: Any]])
            let rate = { (line: [String: Any]) in (line["rate"] as? [String: Any])?["percent"] as? String }
            // Equal rates keep the order of the units' region codes. The seed lists its 0% units
            // 拱墅 淳安 建德 富阳 临安: the order of the codes before 富阳 (330183) and 临安
            // (330185) became districts; the demo city has today's codes (330111, 330112).
            #expect(lines.map { $0["name"] as? String } == ["江干区", "西湖区", "市本级", "桐庐县", "萧山区", "余杭区", "拱墅区", "富阳区", "临安区", "淳安县", "建德市"])
            #expect(lines.map { $0["planned"] as? Int } == [1, 1, 34, 3, 6, 8, 1, 4, 2, 2, 2])
            #expect(lines.map { $0["joined"] as? Int } == [1, 1, 23, 2, 3, 1, 0, 0, 0, 0, 0])
            // Half up throughout: the seed's 桐庐县 66.66% is its one truncated figure (see Rate).
            #expect(lines.map(rate) == ["100.00", "100.00", "67.65", "66.67", "50.00", "12.50", "0.00", "0.00", "0.00", "0.00", "0.00"])
            let total = try #require(table["total"] as? [String: Any])
            #expect(total["planned"] as? Int == 64 && total["joined"] as? Int == 31 && rate(total) == "48.44")
            #expect(rate(try #require(table["districts"] as? [String: Any])) == "26.67")
            let text = (table["laggardText"] as? [String: Any])?["zh-CN"] as? String
            #expect(text == "其中拱墅区（1 套）、富阳区（4 套）、临安区（2 套）、淳安县（2 套）、建德市（2 套）尚无系统接入，进度缓慢。")

            // As of a day before the first batch, nothing had joined.
            let before = try await getJSON(client, "/api/v1/one-window/report/systems?asOf=2018-04-01", admin)
            #expect((before["total"] as? [String: Any])?["joined"] as? Int == 0)

            // The export is the import's layout and imports back unchanged.
            let export = try await client.execute(uri: "/api/v1/one-window/export/joins?format=csv", method: .get, headers: .bearer(admin))
            let back = try await client.execute(uri: "/api/v1/one-window/import/joins?mode=replace", method: .post,
                                                headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"], body: export.body)
            #expect(back.status == .ok)
            let again = try await getJSON(client, "/api/v1/one-window/report/systems", admin)
            #expect((again["total"] as? [String: Any])?["joined"] as? Int == 31)
        }
    }

    static let attachment3Header = ["序号", "区县", "注册数", "激活率", "激活数", "日均活跃数", "日均活跃率"]
    /// 001 附件 3 as printed (高新区（滨江） is the demo city's 滨江区), with its 合计 row.
    static let attachment3: [[String]] = [
        ["1", "余杭区", "21024", "99%", "21023", "14906", "70%"], ["2", "淳安县", "6943", "98%", "6822", "4085", "58%"],
        ["3", "富阳区", "7154", "100%", "7154", "3639", "50%"], ["4", "西湖区", "6773", "95%", "6474", "2333", "34%"],
        ["5", "临安区", "8714", "88%", "7698", "2207", "28%"], ["6", "拱墅区", "4405", "94%", "4180", "1202", "26%"],
        ["7", "建德市", "5562", "95%", "5298", "1470", "25%"], ["8", "江干区", "6223", "99%", "6213", "1504", "24%"],
        ["9", "桐庐县", "4495", "99%", "4462", "1013", "22%"], ["10", "下城区", "2942", "92%", "2709", "609", "20%"],
        ["11", "滨江区", "2624", "93%", "2465", "537", "20%"], ["12", "上城区", "4109", "97%", "3992", "751", "18%"],
        ["13", "萧山区", "8727", "98%", "8619", "815", "9%"], ["", "合计", "89635", "97%", "87049", "35055", "39%"],
    ]

    static func defineDingTalkIndicators(_ client: any TestClientProtocol, _ admin: String) async throws {
        let definitions: [[String: Any]] = [
            ["code": "registered", "name": "注册数", "unitOfMeasure": "人"],
            ["code": "activated", "name": "激活数", "unitOfMeasure": "人"],
            ["code": "daily_active", "name": "日均活跃数", "unitOfMeasure": "人"],
            ["code": "activation_rate", "name": "激活率", "unitOfMeasure": "%", "percent": true, "formula": "activated / registered"],
            ["code": "daily_active_rate", "name": "日均活跃率", "unitOfMeasure": "%", "percent": true, "formula": "daily_active / registered"],
        ]
        for d in definitions {
            let r = try await client.execute(uri: "/api/v1/indicators/\(d["code"] as? String ?? "")", method: .put, headers: .bearer(admin), body: try body(d))
            #expect(r.status == .ok, "\(String(buffer: r.body))")
        }
    }

    static let rankingURI = "/api/v1/indicator-ranking?period=2018-07-27&scope=district&rankBy=daily_active_rate&columns=registered,activation_rate,activated,daily_active,daily_active_rate"

    @Test func attachment3RankingAndTotal() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin")
            try await Self.defineDingTalkIndicators(client, admin)
            let r = try await uploadCSV(client, "/api/v1/one-window/import/indicators?period=2018-07-27", admin, [Self.attachment3Header] + Self.attachment3)
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            #expect(try json(r.body)["values"] as? Int == 65)
            let table = try await getJSON(client, Self.rankingURI, admin)
            let rows = try #require(table["rows"] as? [[String: Any]])
            func text(_ cells: Any?, _ code: String) -> String? { ((cells as? [String: Any])?[code] as? [String: Any])?["text"] as? String }
            let columns = ["registered", "activation_rate", "activated", "daily_active", "daily_active_rate"]
            // The ranking reproduces the seed's rows in its order, every cell as printed.
            for (row, seed) in zip(rows, Self.attachment3.dropLast()) {
                #expect(row["rank"] as? Int == Int(seed[0]))
                #expect(row["organizationName"] as? String == seed[1])
                #expect(columns.map { text(row["cells"], $0) } == Array(seed[2...]))
            }
            #expect(rows.count == 13)
            // 合计: rates computed from the summed bases — the seed's 97% and 39%. Its printed
            // counts (89635 / 87049 / 35055) are not the sums of its own rows; ours are.
            #expect(columns.map { text(table["total"], $0) } == ["89695", "97%", "87109", "35071", "39%"])
            let trend = try await getJSON(client, "/api/v1/indicators/activation_rate/trend?scope=district", admin)
            #expect(((trend["items"] as? [[String: Any]])?.last?["total"] as? [String: Any])?["text"] as? String == "97%")
        }
    }

    @Test func badImportsAreRefusedWithRowAndColumnAndNothingApplied() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin")
            try await Self.defineDingTalkIndicators(client, admin)
            let rankingBefore = try await getJSON(client, Self.rankingURI, admin)
            // Indicator values: a rate over 100% and an unknown unit.
            var bad = Self.attachment3
            bad[2][3] = "101%"
            bad[5][1] = "不存在区"
            let refused = try await uploadCSV(client, "/api/v1/one-window/import/indicators?period=2018-07-27", admin, [Self.attachment3Header] + bad)
            let problem = try expectProblem(refused, .unprocessableContent)
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.contains { $0["row"] as? Int == 4 && $0["column"] as? String == "激活率" && $0["code"] as? String == "over_100" })
            #expect(errors.contains { $0["row"] as? Int == 7 && $0["column"] as? String == "单位" && $0["code"] as? String == "unknown_unit" })
            let table = try await getJSON(client, Self.rankingURI, admin)
            #expect(NSDictionary(dictionary: rankingBefore).isEqual(to: table))

            // Joins: an unknown unit and an unknown system; the plan stays as it was.
            let before = try await getJSON(client, "/api/v1/one-window/report/systems", admin)
            let joins = try await uploadCSV(client, "/api/v1/one-window/import/joins?mode=replace", admin, [
                ["单位", "系统名称", "计划接入", "接入日期"], ["市公安局", "人口综合信息系统", "是", "2018-04-10"],
                ["杭州市无此局", "某系统", "是", ""], ["市公安局", "无此系统", "是", "2018-13-01"],
            ])
            let jp = try expectProblem(joins, .unprocessableContent)
            let je = try #require(jp["errors"] as? [[String: Any]])
            #expect(je.contains { $0["row"] as? Int == 3 && $0["column"] as? String == "单位" })
            #expect(je.contains { $0["row"] as? Int == 4 && $0["column"] as? String == "系统名称" })
            let after = try await getJSON(client, "/api/v1/one-window/report/systems", admin)
            #expect(NSDictionary(dictionary: before).isEqual(to: after))

            // Matters: a duplicate 实施编码 and an unknown unit; nothing is created.
            let header = ["基本编码", "实施编码", "事项名称", "事项类型", "实施主体", "行使层级", "承诺办结时限", "办件量"]
            let mattersBefore = try await getJSON(client, "/api/v1/matters", admin)["total"] as? Int
            let matters = try await uploadCSV(client, "/api/v1/one-window/import/matters", admin, [
                header, ["B1", "330100-XK-0001", "食品经营许可", "行政许可", "市市场监管局", "市级", "7", "12000"],
                ["B2", "330100-XK-0001", "药品经营许可", "行政许可", "市市场监管局", "市级", "10", "300"],
                ["B3", "330100-QR-0002", "某确认", "行政确认", "无此单位", "市级", "5", "10"],
                ["B4", "330100-QR-0003", "某确认", "行政不存在类型", "市民政局", "省级", "五", "10"],
            ])
            let mp = try expectProblem(matters, .unprocessableContent)
            let me = try #require(mp["errors"] as? [[String: Any]])
            #expect(me.contains { $0["row"] as? Int == 3 && $0["column"] as? String == "实施编码" && $0["code"] as? String == "duplicate_matter" })
            #expect(me.contains { $0["row"] as? Int == 4 && $0["column"] as? String == "实施主体" && $0["code"] as? String == "unknown_unit" })
            #expect(me.contains { $0["row"] as? Int == 5 && $0["column"] as? String == "事项类型" })
            #expect(me.contains { $0["row"] as? Int == 5 && $0["column"] as? String == "行使层级" })
            #expect(me.contains { $0["row"] as? Int == 5 && $0["column"] as? String == "承诺办结时限" })
            #expect(try await getJSON(client, "/api/v1/matters", admin)["total"] as? Int == mattersBefore)
        }
    }

    @Test func mattersImportExportRoundTripAndUnitsOnlyFillIn() async throws {
        try await TestCity.run { city, client in
            let admin = try await city.token("admin"), police = try await city.token("police")
            let onlineBefore = try await getJSON(client, "/api/v1/one-window/online", admin)
            let topBefore = try await getJSON(client, "/api/v1/one-window/report/top100", admin)["total"] as? [String: Any]
            let header = ["基本编码", "实施编码", "事项名称", "事项类型", "实施主体", "行使层级", "承诺办结时限", "办件量", "TOP100", "网上办理", "例外情形", "接入日期", "对接方式"]
            let rows = [header,
                        ["00101", "OW-T-0001", "居民身份证申领", "行政确认", "市公安局", "市级", "15", "98000000", "是", "是", "", "2018-04-10", "表单在一窗平台"],
                        ["00102", "OW-T-0002", "户口迁移", "行政确认", "市公安局", "市级", "5", "97000000", "是", "否", "国家或省级系统", "", ""],
                        ["00103", "OW-T-0003", "失业登记", "公共服务", "市人力社保局", "市级", "1", "9000", "否", "是", "", "", ""]]
            let created = try await uploadCSV(client, "/api/v1/one-window/import/matters", admin, rows)
            #expect(created.status == .ok, "\(String(buffer: created.body))")
            #expect((try json(created.body)["created"] as? [String])?.count == 3)

            // A unit fills in its own matters, but may not rename them, nor touch another unit's.
            let fill = try await uploadCSV(client, "/api/v1/one-window/import/matters", police, [header,
                ["00101", "OW-T-0001", "居民身份证申领", "行政确认", "市公安局", "市级", "10", "98000001", "是", "是", "", "2018-04-10", "表单在一窗平台"]])
            #expect(fill.status == .ok, "\(String(buffer: fill.body))")
            let renamed = try await uploadCSV(client, "/api/v1/one-window/import/matters", police, [header,
                ["00101", "OW-T-0001", "身份证办理", "行政确认", "市公安局", "市级", "10", "98000001", "是", "是", "", "", ""],
                ["00103", "OW-T-0003", "失业登记", "公共服务", "市人力社保局", "市级", "1", "9000", "否", "是", "", "", ""]])
            let rp = try expectProblem(renamed, .forbidden)
            let re = try #require(rp["errors"] as? [[String: Any]])
            #expect(re.contains { $0["row"] as? Int == 2 && $0["column"] as? String == "事项名称" })
            #expect(re.contains { $0["row"] as? Int == 3 && $0["column"] as? String == "实施主体" })
            let m = try await getJSON(client, "/api/v1/matters/OW-T-0001", admin)
            #expect((m["draft"] as? [String: Any])?["promisedDays"] as? Int == 10 && (m["draft"] as? [String: Any])?["name"] as? String == "居民身份证申领")

            // 网上办事 with and without the exception; TOP list; 附件 6.
            let online = try await getJSON(client, "/api/v1/one-window/online", admin)
            func delta(_ key: String) -> Int { (online[key] as? Int ?? 0) - (onlineBefore[key] as? Int ?? 0) }
            #expect(delta("matters") == 3 && delta("online") == 2 && delta("exceptions") == 1)
            let rate = try #require(online["rateWithoutExceptions"] as? [String: Any])
            #expect(rate["numerator"] as? Int == online["online"] as? Int && rate["denominator"] as? Int == (online["matters"] as? Int ?? 0) - (online["exceptions"] as? Int ?? 0))
            let top = try await getJSON(client, "/api/v1/one-window/report/top100", admin)["total"] as? [String: Any]
            #expect((top?["planned"] as? Int ?? 0) - (topBefore?["planned"] as? Int ?? 0) == 2 && (top?["joined"] as? Int ?? 0) - (topBefore?["joined"] as? Int ?? 0) == 1)
            let topN = try await getJSON(client, "/api/v1/one-window/top-matters?level=municipal&n=2", admin)
            #expect((topN["items"] as? [[String: Any]])?.map { ($0["draft"] as? [String: Any])?["code"] as? String } == ["OW-T-0001", "OW-T-0002"])

            // Export, then import back: nothing changes.
            let export = try await client.execute(uri: "/api/v1/one-window/export/matters?format=csv", method: .get, headers: .bearer(admin))
            let back = try await client.execute(uri: "/api/v1/one-window/import/matters", method: .post,
                                                headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"], body: export.body)
            #expect(back.status == .ok, "\(String(buffer: back.body))")
            let again = try json(back.body)
            #expect((again["created"] as? [String])?.isEmpty == true && (again["updated"] as? [String])?.isEmpty == true)
            #expect((again["unchanged"] as? [String])?.contains("OW-T-0003") == true)
        }
    }
}
