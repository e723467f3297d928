import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiSpreadsheet
import ShuhuiStore
import Testing

@Suite struct BulletinWorkflowTests {
    /// Draft → edited → checked → issued, who and when at each step; the issued bulletin is
    /// byte-identical in every format after new collection and calls.
    @Test func issuedBulletinIsFrozenByteForByte() async throws {
        try await BulletinCity.run { city, _, client in
            let admin = try await city.token("admin")
            let week = ReportPeriod.week(containing: .today())
            let scene = try await GatewayScene.make(city, client)
            _ = try await scene.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")])

            let created = try await post(client, "/api/v1/bulletins", admin, ["periodEnd": week.end.description])
            #expect(created.status == .created)
            let id = try #require(try json(created.body)["id"] as? Int)
            // Issuing a draft that was not checked is refused.
            try expectProblem(try await post(client, "/api/v1/bulletins/\(id)/issue", admin), .conflict)
            let edited = try await client.execute(uri: "/api/v1/bulletins/\(id)", method: .put, headers: .bearer(admin),
                                                  body: try body(["work": "5月15日上午，市政府召开新闻发布会。\n第二段。"]))
            #expect(edited.status == .ok)
            #expect(try json(try await post(client, "/api/v1/bulletins/\(id)/check", admin).body)["state"] as? String == "checked")
            let issued = try json(try await post(client, "/api/v1/bulletins/\(id)/issue", admin).body)
            #expect(issued["state"] as? String == "issued" && issued["issuedBy"] as? String != nil && issued["checkedBy"] as? String != nil)
            let events = issued["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["action"] as? String ?? "" } == ["generated", "edited", "checked", "issued"])

            func snapshot() async throws -> [Data] {
                var out: [Data] = []
                for q in ["format=html", "format=docx", "format=xlsx", "format=csv&attachment=1", "format=csv&attachment=3", "format=csv&attachment=4"] {
                    let r = try await get(client, "/api/v1/bulletins/\(id)/export?\(q)", admin)
                    #expect(r.status == .ok, "\(q)")
                    out.append(Data(buffer: r.body))
                }
                out.append(Data(buffer: try await get(client, "/api/v1/bulletins/\(id)", admin).body))
                return out
            }
            let before = try await snapshot()
            #expect(String(decoding: before[0], as: UTF8.self).contains("5月15日上午，市政府召开新闻发布会。"))

            // New activity after issue: more calls and a new batch.
            for _ in 0..<3 { _ = try await scene.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")]) }
            try await collect(city, client, admin: admin, unit: "市民政局", rows: 4, name: "新数据")
            let after = try await snapshot()
            #expect(before == after)
            // The live figures did move.
            let live = try json(try await get(client, "/api/v1/statistics/bulletin?periodEnd=\(week.end)", admin).body)
            let liveCalls = ((live["figures"] as? [String: Any])?["calls"] as? [[String: Any]])?.first?["weekly"] as? Int
            #expect(liveCalls == 4)
            // Nothing more may happen to it.
            for action in ["check", "issue"] { try expectProblem(try await post(client, "/api/v1/bulletins/\(id)/\(action)", admin), .conflict) }
            try expectProblem(try await client.execute(uri: "/api/v1/bulletins/\(id)", method: .put, headers: .bearer(admin), body: try body(["work": "x"])), .conflict)
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": week.end.description]), .conflict)

            // Listed among past bulletins; readable by every unit once issued.
            let police = try await city.token("police")
            let list = try json(try await get(client, "/api/v1/bulletins", police).body)
            #expect((list["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            #expect(try await get(client, "/api/v1/bulletins/\(id)/export?format=docx", police).status == .ok)

            // The XLSX has one sheet per attachment, plus 表1 and 图1's data.
            let sheets = try XLSX.read(before[2])
            #expect(sheets.map(\.name) == ["附件1", "附件2", "附件3", "附件4", "附件5", "表1", "图1数据"])
            #expect(sheets[2].rows[1] == ["序号", "部门", "业务系统", "累计调用次数 (万次)", "本周调用次数 (万次)"])
        }
    }

    /// Only the bureau's administrators generate, edit, check, issue, set balances and settings;
    /// drafts are hidden from units.
    @Test func onlyAdministratorsRunTheWorkflow() async throws {
        try await BulletinCity.run { city, _, client in
            let admin = try await city.token("admin")
            let week = ReportPeriod.week(containing: .today())
            let id = try #require(try json(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": week.end.description]).body)["id"] as? Int)
            for user in ["police", "hrss", "approver", "police-approver", "query", "auditor"] {
                let t = try await city.token(user)
                try expectProblem(try await post(client, "/api/v1/bulletins", t, ["periodEnd": week.end.description]), .forbidden)
                try expectProblem(try await client.execute(uri: "/api/v1/bulletins/\(id)", method: .put, headers: .bearer(t), body: try body(["work": "x"])), .forbidden)
                try expectProblem(try await post(client, "/api/v1/bulletins/\(id)/check", t), .forbidden)
                try expectProblem(try await post(client, "/api/v1/bulletins/\(id)/issue", t), .forbidden)
                try expectProblem(try await client.execute(uri: "/api/v1/statistics/balances", method: .post,
                                                           headers: [.authorization: "Bearer \(t)", .contentType: "text/csv"],
                                                           body: ByteBuffer(string: "单位,指标,截至日期,数值\n市公安局,calls,2018-01-01,1\n")), .forbidden)
                try expectProblem(try await client.execute(uri: "/api/v1/settings/bulletin", method: .put, headers: .bearer(t), body: try body(["topUnits": 3])), .forbidden)
                let draft = try await get(client, "/api/v1/bulletins/\(id)", t)
                if user == "auditor" { #expect(draft.status == .ok) } else { try expectProblem(draft, .notFound) }
            }
            #expect(try await city.store.openingBalances().isEmpty)
            #expect(try await city.store.bulletin(id: Int64(id)).state == .draft)
            try expectProblem(try await client.execute(uri: "/api/v1/bulletins", method: .get), .unauthorized)
        }
    }

    /// Bad input is a 4xx naming the field; nothing is half applied.
    @Test func badInputIsRefusedByField() async throws {
        try await BulletinCity.run { city, _, client in
            let admin = try await city.token("admin")
            let week = ReportPeriod.week(containing: .today())
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": week.end.adding(days: -1).description]), .badRequest, field: "periodEnd")
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": "2018-02-30"]), .badRequest, field: "periodEnd")
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": week.end.adding(days: 7).description]), .badRequest, field: "periodEnd")
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": "2018-05-30", "kind": "monthly"]), .badRequest, field: "periodEnd")
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": "2018-05-18", "kind": "daily"]), .unprocessableContent, field: "kind")
            try expectProblem(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": "2018-05-18", "week": 1]), .unprocessableContent, field: "week")
            #expect(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": "2018-05-31", "kind": "monthly"]).status == .created)
            let id = try #require(try json(try await post(client, "/api/v1/bulletins", admin, ["periodEnd": "2018-05-18"]).body)["id"] as? Int)
            try expectProblem(try await get(client, "/api/v1/bulletins/\(id)/export?format=pdf", admin), .badRequest, field: "format")
            try expectProblem(try await get(client, "/api/v1/bulletins/\(id)/export?format=csv", admin), .badRequest, field: "attachment")
            try expectProblem(try await get(client, "/api/v1/bulletins/\(id)/export?format=csv&attachment=9", admin), .badRequest, field: "attachment")
            try expectProblem(try await get(client, "/api/v1/bulletins/999999", admin), .notFound)
            try expectProblem(try await client.execute(uri: "/api/v1/bulletins/\(id)", method: .put, headers: .bearer(admin), body: try body(["work": "a\u{0}b"])),
                              .unprocessableContent, field: "work")
            try expectProblem(try await client.execute(uri: "/api/v1/settings/bulletin", method: .put, headers: .bearer(admin), body: try body(["topUnits": 0])),
                              .unprocessableContent, field: "topUnits")

            // One bad row among good ones: nothing is applied, every bad cell is named.
            let csv = """
                单位,系统,指标,截至日期,数值,备注
                市公安局,,collectedRows,2018-03-31,100,
                不存在的局,,collectedRows,2018-03-31,100,
                市公安局,,银两,2018-02-30,-5,
                市公安局,,collectedRows,2018-03-31,7,
                市人力社保局,SYS-NONE,calls,2018-03-31,1,
                市民政局,,visits,2018-03-31,9999999999999999999,
                """
            let r = try await client.execute(uri: "/api/v1/statistics/balances", method: .post,
                                             headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"], body: ByteBuffer(string: csv))
            let problem = try expectProblem(r, .unprocessableContent)
            let errors = (problem["errors"] as? [[String: Any]] ?? []).map { "\($0["row"] as? Int ?? 0):\($0["column"] as? String ?? "")" }
            #expect(errors == ["3:单位", "4:指标", "4:截至日期", "4:数值", "5:单位", "6:系统", "7:数值"], "\(errors)")
            #expect(try await city.store.openingBalances().isEmpty)
            let missing = try await client.execute(uri: "/api/v1/statistics/balances", method: .post,
                                                   headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"], body: ByteBuffer(string: "单位,数值\n市公安局,1\n"))
            try expectProblem(missing, .unprocessableContent)
        }
    }

    /// The Friday scheduler generates each draft once; the monthly one on the 1st.
    @Test func schedulerGeneratesFridayDraftsOnce() async throws {
        try await BulletinCity.run { city, _, _ in
            let friday = beijing(CalendarDate(iso: "2018-05-18")!, 17, 0, 0)
            let made = try await city.store.generateScheduledDrafts(now: friday)
            #expect(made.map(\.end) == ["2018-05-18"] && made.first?.createdBy == "定时任务" && made.first?.state == .draft)
            #expect(try await city.store.generateScheduledDrafts(now: friday.addingTimeInterval(60)).isEmpty)
            #expect(try await city.store.generateScheduledDrafts(now: beijing(CalendarDate(iso: "2018-05-17")!, 12, 0, 0)).isEmpty)
            let first = try await city.store.generateScheduledDrafts(now: beijing(CalendarDate(iso: "2018-06-01")!, 9, 0, 0))
            #expect(first.map { "\($0.kind.rawValue) \($0.end)" } == ["weekly 2018-06-01", "monthly 2018-05-31"])
        }
    }
}
