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

/// A signed-in console user posting forms with the CSRF token of a page.
struct ConsoleUser {
    let client: any TestClientProtocol
    let cookie: String

    static func login(_ client: any TestClientProtocol, _ user: String) async throws -> ConsoleUser {
        ConsoleUser(client: client, cookie: try await consoleLogin(client, user))
    }

    func get(_ path: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
    }

    /// Posts `fields` (URL-encoded) with the CSRF token found on `page`.
    func post(_ path: String, _ fields: [(String, String)], tokenFrom page: String = "/one-window") async throws -> TestResponse {
        let html = String(buffer: try await get(page).body)
        let csrf = try #require(html.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
        let body = ([("_csrf", String(csrf))] + fields).map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }
}

/// The console's forms for bundles, indicators, targets, tasks and filings, and for retiring
/// matters: each refusal shows its message on the page with a 4xx and changes nothing; each
/// denial the API makes, the form makes too.
@Suite struct OneWindowFormTests {
    @Test func formPagesRenderInBothLanguagesForTheBureauOnly() async throws {
        try await TestCity.run { _, client in
            let admin = try await ConsoleUser.login(client, "admin"), police = try await ConsoleUser.login(client, "police")
            let pages = [("/one-window/bundles", "new-bundle"), ("/one-window/indicators/definitions", "define-indicator"),
                         ("/one-window/targets", "set-target"), ("/one-window/tasks", "new-task")]
            for (path, form) in pages {
                for lang in ["zh", "en"] {
                    let r = try await admin.get(path + "?lang=" + lang)
                    #expect(r.status == .ok, "\(path)")
                    let html = String(buffer: r.body)
                    #expect(html.contains("id=\"\(form)\"") && !html.contains("{{") && html.firstMatch(of: /\b(ow|case|bundle)\.[a-z]/) == nil, "\(path) \(lang)")
                    for link in html.matches(of: /href="(\/[^"]*)"/).map({ String($0.1).replacingOccurrences(of: "&amp;", with: "&") }) where !link.hasPrefix("/api/") && !link.hasPrefix("/static/") {
                        let target = try await admin.get(link)
                        #expect(target.status == .ok || target.status == .seeOther, "\(path) links to \(link): \(target.status)")
                    }
                }
                let seen = try await police.get(path)
                #expect(seen.status == .ok && !String(buffer: seen.body).contains("id=\"\(form)\""), "\(path) shows the bureau's form to an officer")
            }
            #expect(String(buffer: try await admin.get("/one-window/bundles?lang=en").body).contains("New bundle"))
        }
    }

    @Test func bundleFormPicksMattersOfSeveralUnits() async throws {
        try await TestCity.run { city, client in
            let admin = try await ConsoleUser.login(client, "admin"), police = try await ConsoleUser.login(client, "police")
            let lead = String(try await city.organization("市卫生计生委").id)
            let page = String(buffer: try await admin.get("/one-window/bundles").body)
            #expect(page.contains("name=\"matter_330100-GG-WJ-001\"") && page.contains("name=\"matter_330100-QR-GA-001\""))
            let before = try await city.store.bundles().count
            // One matter is not a bundle: the message, the values kept, nothing stored.
            let one = try await admin.post("/one-window/bundles", [("code", "newborn-form"), ("name", "出生一件事"), ("organizationID", lead), ("audience", "person"),
                                                                   ("matter_330100-GG-WJ-001", "on")])
            let oneHTML = String(buffer: one.body)
            #expect(one.status == .unprocessableContent && oneHTML.contains("一件事至少合并两个不同事项") && oneHTML.contains("value=\"出生一件事\""))
            #expect(oneHTML.contains("name=\"matter_330100-GG-WJ-001\" id=\"m-330100-GG-WJ-001\" checked"))
            let noUnit = try await admin.post("/one-window/bundles", [("code", "newborn-form"), ("name", "出生一件事"), ("organizationID", ""), ("audience", "person"),
                                                                     ("matter_330100-GG-WJ-001", "on"), ("matter_330100-QR-GA-002", "on")])
            #expect(noUnit.status == .unprocessableContent && String(buffer: noUnit.body).contains("牵头单位"))
            // An officer may not define bundles, as in the API.
            let denied = try await police.post("/one-window/bundles", [("code", "newborn-form"), ("name", "出生一件事"), ("organizationID", lead), ("audience", "person"),
                                                                      ("matter_330100-GG-WJ-001", "on"), ("matter_330100-QR-GA-002", "on")])
            #expect(denied.status == .forbidden)
            let forged = try await client.execute(uri: "/one-window/bundles", method: .post, headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "_csrf=00&code=x&name=x&organizationID=\(lead)&audience=person&matter_330100-GG-WJ-001=on&matter_330100-QR-GA-002=on"))
            try expectProblem(forged, .forbidden)
            #expect(try await city.store.bundles().count == before)

            let made = try await admin.post("/one-window/bundles", [("code", "newborn-form"), ("name", "出生一件事"), ("organizationID", lead), ("audience", "person"),
                                                                    ("matter_330100-GG-WJ-001", "on"), ("matter_330100-QR-GA-002", "on")])
            #expect(made.status == .seeOther)
            let bundle = try #require(try await city.store.bundles().first { $0.code == "newborn-form" })
            #expect(Set(bundle.matters.map(\.organizationName)) == ["市卫生计生委", "市公安局"])
            let again = try await admin.post("/one-window/bundles", [("code", "newborn-form"), ("name", "重复"), ("organizationID", lead), ("audience", "person"),
                                                                     ("matter_330100-GG-WJ-001", "on"), ("matter_330100-QR-GA-002", "on")])
            #expect(again.status == .conflict && String(buffer: again.body).contains("newborn-form"))
        }
    }

    @Test func indicatorAndTargetFormsDefineWhatTheApiDefines() async throws {
        try await TestCity.run { city, client in
            let admin = try await ConsoleUser.login(client, "admin"), police = try await ConsoleUser.login(client, "police")
            let path = "/one-window/indicators/definitions"
            func define(_ user: ConsoleUser, code: String, decimals: String = "0", formula: String = "", percent: Bool = false) async throws -> TestResponse {
                var fields = [("code", code), ("name", "测试指标\(code)"), ("unitOfMeasure", "人"), ("period", "month"), ("better", "lower"),
                              ("decimals", decimals), ("formula", formula)]
                if percent { fields.append(("percent", "on")) }
                return try await user.post(path, fields, tokenFrom: path)
            }
            let count = try await city.store.indicators().count
            let badFormula = try await define(admin, code: "late_rate", formula: "late / nothing", percent: true)
            #expect(badFormula.status == .unprocessableContent && String(buffer: badFormula.body).contains("nothing"))
            let badDecimals = try await define(admin, code: "late_rate", decimals: "two")
            #expect(badDecimals.status == .unprocessableContent && String(buffer: badDecimals.body).contains("小数位数"))
            let badCode = try await define(admin, code: "Late Rate")
            #expect(badCode.status == .unprocessableContent && String(buffer: badCode.body).contains("代码"))
            #expect(try await define(police, code: "late").status == .forbidden)
            #expect(try await city.store.indicators().count == count)

            #expect(try await define(admin, code: "late").status == .seeOther)
            #expect(try await define(admin, code: "late_rate", decimals: "1", formula: "late / registered", percent: true).status == .seeOther)
            let rate = try #require(try await city.store.indicators().first { $0.draft.code == "late_rate" }?.draft)
            #expect(rate.formula == "late / registered" && rate.percent && rate.decimals == 1 && !rate.higherIsBetter && rate.period == .month)
            // The edit link fills the form with what is defined.
            let edit = String(buffer: try await admin.get(path + "?code=late_rate").body)
            #expect(edit.contains("value=\"late / registered\"") && edit.contains("<option value=\"lower\" selected>"))

            let targets = "/one-window/targets"
            func target(_ user: ConsoleUser, _ fields: [(String, String)]) async throws -> TestResponse { try await user.post(targets, fields, tokenFrom: targets) }
            let over = try await target(admin, [("code", "pilot_test"), ("kind", "pilotNearby"), ("percent", "120"), ("deadline", "2018-06-30"), ("districts", "西湖区")])
            #expect(over.status == .unprocessableContent && String(buffer: over.body).contains("目标比例"))
            let noDistricts = try await target(admin, [("code", "pilot_test"), ("kind", "pilotNearby"), ("percent", "50"), ("deadline", "2018-06-30"), ("districts", "")])
            #expect(noDistricts.status == .unprocessableContent && String(buffer: noDistricts.body).contains("试点区县"))
            let badKind = try await target(admin, [("code", "pilot_test"), ("kind", "everything"), ("percent", "50"), ("deadline", "2018-06-30")])
            #expect(badKind.status == .unprocessableContent)
            #expect(try await target(police, [("code", "pilot_test"), ("kind", "pilotNearby"), ("percent", "50"), ("deadline", "2018-06-30"), ("districts", "西湖区")]).status == .forbidden)
            #expect(try await city.store.targets().contains { $0.code == "pilot_test" } == false)
            let set = try await target(admin, [("code", "pilot_test"), ("kind", "pilotNearby"), ("percent", "50"), ("deadline", "2018-06-30"), ("districts", "西湖区、余杭区")])
            #expect(set.status == .seeOther)
            #expect(try await city.store.targets().first { $0.code == "pilot_test" }?.districts == ["西湖区", "余杭区"])
            let shown = String(buffer: try await admin.get(targets).body)
            #expect(shown.contains("pilot_test") && shown.contains("余杭区"))
        }
    }

    @Test func taskFormsCreateTasksAndUnitsFileTheirOwn() async throws {
        try await TestCity.run { city, client in
            let admin = try await ConsoleUser.login(client, "admin"), police = try await ConsoleUser.login(client, "police")
            let hrss = try await ConsoleUser.login(client, "hrss")
            let unit = String(try await city.organization("市公安局").id)
            let path = "/one-window/tasks"
            let month = String(CalendarDate.today().description.prefix(7))
            func board() async throws -> TaskBoard { try await city.store.taskBoard(month: month, today: CalendarDate.today()) }
            let before = try await board()
            let badDate = try await admin.post(path, [("title", "一窗受理平台扩面"), ("parentID", ""), ("organizationID", unit), ("owner", "张处长"), ("dueOn", "2018-13-01")],
                                               tokenFrom: path)
            #expect(badDate.status == .unprocessableContent && String(buffer: badDate.body).contains("2018-13-01"))
            let noUnit = try await admin.post(path, [("title", "一窗受理平台扩面"), ("organizationID", ""), ("owner", "张处长"), ("dueOn", "2099-12-31")], tokenFrom: path)
            #expect(noUnit.status == .unprocessableContent && String(buffer: noUnit.body).contains("责任单位"))
            #expect(try await police.post(path, [("title", "x"), ("organizationID", unit), ("owner", "x"), ("dueOn", "2099-12-31")], tokenFrom: path).status == .forbidden)
            #expect(try await board().items.count == before.items.count)

            #expect(try await admin.post(path, [("title", "一窗受理平台扩面"), ("parentID", ""), ("organizationID", unit), ("owner", "张处长"), ("dueOn", "2099-12-31")],
                                         tokenFrom: path).status == .seeOther)
            let task = try #require(try await board().items.first { $0.title == "一窗受理平台扩面" })
            #expect(try await admin.post(path, [("title", "公安事项接入"), ("parentID", String(task.id)), ("organizationID", unit), ("owner", "李科长"), ("dueOn", "2099-06-30")],
                                         tokenFrom: path).status == .seeOther)
            let sub = try #require(try await board().items.first { $0.title == "公安事项接入" })
            #expect(sub.parentID == task.id && sub.owner == "李科长")

            // The responsible unit files its month; another unit may not; a bad month is refused.
            let filings = "/one-window/tasks/\(sub.id)/filings"
            #expect(String(buffer: try await police.get(path).body).contains("action=\"\(filings)\""))
            #expect(!String(buffer: try await hrss.get(path).body).contains("action=\"\(filings)\""))
            #expect(try await hrss.post(filings, [("month", month), ("progress", "越权填报")], tokenFrom: path).status == .forbidden)
            let badMonth = try await police.post(filings, [("month", "2018-7"), ("progress", "完成 3 个事项")], tokenFrom: path)
            #expect(badMonth.status == .unprocessableContent && String(buffer: badMonth.body).contains("2018-7"))
            let empty = try await police.post(filings, [("month", month), ("progress", " ")], tokenFrom: path)
            #expect(empty.status == .unprocessableContent && String(buffer: empty.body).contains("本月进展"))
            #expect(try await board().items.first { $0.id == sub.id }?.filed == false)
            #expect(try await police.post(filings, [("month", month), ("progress", "完成 3 个事项接入"), ("done", "on")], tokenFrom: path).status == .seeOther)
            let filed = try #require(try await board().items.first { $0.id == sub.id })
            #expect(filed.filed && filed.progress == "完成 3 个事项接入" && filed.doneOn != nil)
            #expect(String(buffer: try await police.get(path + "?month=" + month).body).contains("完成 3 个事项接入"))
        }
    }

    @Test func theMattersPageRetiresAndReinstatesWithItsForm() async throws {
        let code = OneWindowRetirementTests.code
        try await TestCity.run { city, client in
            let police = try await consoleLogin(client, "police")
            let page = String(buffer: try await client.execute(uri: "/one-window/matters?q=\(code)", method: .get, headers: [.cookie: police]).body)
            #expect(page.contains("/one-window/matters/\(code)/retire"))
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            func submit(_ cookie: String, _ action: String, _ form: String) async throws -> TestResponse {
                try await client.execute(uri: "/one-window/matters/\(code)/\(action)", method: .post,
                                         headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form))
            }
            // No reason: the page again with the message, nothing changed.
            let refused = try await submit(police, "retire", "_csrf=\(csrf)&reason=")
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("停用事项必须说明原因"))
            #expect(try await city.store.matter(code: code).retirement == nil)
            try expectProblem(try await submit(police, "retire", "_csrf=bad&reason=x"), .forbidden)
            // Another unit's officer sees no button and is refused.
            let hrss = try await consoleLogin(client, "hrss")
            let hrssPage = String(buffer: try await client.execute(uri: "/one-window/matters?q=\(code)", method: .get, headers: [.cookie: hrss]).body)
            #expect(!hrssPage.contains("/one-window/matters/\(code)/retire"))
            let hrssCSRF = try #require(hrssPage.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            #expect(try await submit(hrss, "retire", "_csrf=\(hrssCSRF)&reason=x").status == .forbidden)
            #expect(try await city.store.matter(code: code).retirement == nil)

            let done = try await submit(police, "retire", "_csrf=\(csrf)&reason=%E4%BA%8B%E9%A1%B9%E5%8F%96%E6%B6%88&retiredOn=")
            #expect(done.status == .seeOther)
            #expect(try await city.store.matter(code: code).retirement?.reason == "事项取消")
            let retiredList = String(buffer: try await client.execute(uri: "/one-window/matters?status=retired", method: .get, headers: [.cookie: police]).body)
            #expect(retiredList.contains(code) && retiredList.contains("已停用") && retiredList.contains("/one-window/matters/\(code)/reinstate"))
            #expect(try await submit(police, "reinstate", "_csrf=\(csrf)").status == .seeOther)
            #expect(try await city.store.matter(code: code).retirement == nil)
        }
    }
}

/// Signs in to the console and returns the session cookie.
func consoleLogin(_ client: any TestClientProtocol, _ user: String) async throws -> String {
    let password = user == "admin" ? "shuhui-admin" : "shuhui-demo"
    let r = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=\(user)&password=\(password)&next=%2F"))
    return String(try #require(r.headers[.setCookie]).split(separator: ";")[0])
}
