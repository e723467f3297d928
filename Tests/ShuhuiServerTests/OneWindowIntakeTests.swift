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

/// A system posting a case to `/gateway/one-window/cases`, signed with its app key.
struct CaseSender {
    let client: any TestClientProtocol
    let key: String
    let secret: String

    func send(_ object: [String: Any], nonce: String = UUID().uuidString, at date: Date = Date(), tamper: Bool = false,
              unsigned: Bool = false) async throws -> TestResponse {
        let path = "/gateway/one-window/cases"
        let data = try JSONSerialization.data(withJSONObject: object)
        let ts = String(Int(date.timeIntervalSince1970))
        let canonical = GatewaySignature.canonical(method: "POST", path: path, query: nil, timestamp: ts, nonce: nonce, body: data)
        let signature = GatewaySignature.sign(tamper ? canonical + "x" : canonical, secret: Array(secret.utf8))
        var h: HTTPFields = [.contentType: "application/json"]
        if !unsigned {
            h[HTTPField.Name("X-App-Key")!] = key
            h[HTTPField.Name("X-Timestamp")!] = ts
            h[HTTPField.Name("X-Nonce")!] = nonce
            h[HTTPField.Name("X-Signature")!] = signature
        }
        return try await client.execute(uri: path, method: .post, headers: h, body: ByteBuffer(bytes: data))
    }
}

/// 市公安局's matter handled in its first system, with app keys for that system and for a
/// second one of the same unit.
struct IntakeScene {
    let police: String
    let system: InformationSystem
    let sender: CaseSender
    let otherSender: CaseSender
    static let matterCode = "OW-GW-1"

    static func make(_ city: TestCity, _ client: any TestClientProtocol) async throws -> IntakeScene {
        let police = try await city.token("police")
        let unit = try await city.organization("市公安局")
        let systems = try await city.store.systems(organizationID: unit.id)
        #expect(systems.count >= 2)
        var matter = OneWindowCaseTests.matter(matterCode, unit: unit.id)
        matter["systemID"] = systems[0].id
        let created = try await post(client, "/api/v1/matters", police, matter)
        #expect(created.status == .created, "\(String(buffer: created.body))")
        func sender(_ s: InformationSystem) async throws -> CaseSender {
            let issued = try json(try await post(client, "/api/v1/systems/\(s.id)/credentials", police).body)
            return CaseSender(client: client, key: try #require((issued["credential"] as? [String: Any])?["appKey"] as? String),
                              secret: try #require(issued["secret"] as? String))
        }
        return IntakeScene(police: police, system: systems[0], sender: try await sender(systems[0]), otherSender: try await sender(systems[1]))
    }

    func setSystemJoin(_ client: any TestClientProtocol, joinedOn: String?, planned: Bool = true) async throws {
        var join: [String: Any] = [:]
        if let joinedOn { join = ["joinedOn": joinedOn, "mode": "ownSystemForm", "batch": "第一批"] }
        let r = try await client.execute(uri: "/api/v1/one-window/joins/\(system.id)", method: .put, headers: .bearer(police),
                                         body: try body(["planned": planned, "join": join] as [String: Any]))
        #expect(r.status == .ok, "\(String(buffer: r.body))")
    }

    func setMatterJoin(_ client: any TestClientProtocol, _ city: TestCity, joinedOn: String?) async throws {
        var matter = OneWindowCaseTests.matter(Self.matterCode, unit: try await city.organization("市公安局").id)
        matter["systemID"] = system.id
        if let joinedOn { matter["join"] = ["joinedOn": joinedOn, "mode": "ownSystemForm"] }
        let r = try await client.execute(uri: "/api/v1/matters/\(Self.matterCode)", method: .put, headers: .bearer(police), body: try body(matter))
        #expect(r.status == .ok, "\(String(buffer: r.body))")
    }
}

/// A problem's detail and every error message, in one string.
func problemText(_ problem: [String: Any]) -> String {
    ([problem["detail"] as? String ?? ""] + (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }).joined(separator: " ")
}

@Suite struct OneWindowIntakeTests {
    nonisolated(unsafe) static let draft: [String: Any] = ["matterCode": IntakeScene.matterCode, "applicant": "赵六", "externalCode": "GA-2018-0001"]

    @Test func aJoinedSystemSendsCasesForItsMattersWithItsAppKey() async throws {
        try await TestCity.run { city, client in
            let scene = try await IntakeScene.make(city, client)
            try await scene.setSystemJoin(client, joinedOn: "2018-04-10")
            try await scene.setMatterJoin(client, city, joinedOn: "2018-04-10")
            let r = try await scene.sender.send(Self.draft)
            #expect(r.status == .created, "\(String(buffer: r.body))")
            let record = try json(r.body)
            #expect(record["channel"] as? String == "system" && record["systemID"] as? Int == Int(scene.system.id))
            #expect(record["externalCode"] as? String == "GA-2018-0001" && record["state"] as? String == "applied")
            let events = try #require(record["events"] as? [[String: Any]])
            #expect(events.first?["actorName"] as? String == scene.system.name && events.first?["action"] as? String == "submit")
            // The unit's staff take it on from there, as any case.
            let id = try #require(record["id"] as? Int)
            #expect(try json(try await post(client, "/api/v1/cases/\(id)/actions", scene.police, ["action": "prereview"]).body)["state"] as? String == "prereview")
            // The same case number twice is a conflict; a bad body names its field.
            var again = Self.draft
            again["applicant"] = "钱七"
            try expectProblem(try await scene.sender.send(again), .conflict, field: "externalCode")
            try expectProblem(try await scene.sender.send(["matterCode": IntakeScene.matterCode, "externalCode": "GA-2"]), .unprocessableContent, field: "applicant")
            try expectProblem(try await scene.sender.send(Self.draft.merging(["systemID": 1]) { a, _ in a }), .unprocessableContent, field: "systemID")
            try expectProblem(try await scene.sender.send(["matterCode": IntakeScene.matterCode, "applicant": "x", "externalCode": "a b"]), .unprocessableContent,
                              field: "externalCode")
            try expectProblem(try await scene.sender.send(["matterCode": "NOPE", "applicant": "x", "externalCode": "GA-3"]), .notFound)
        }
    }

    @Test func everyOtherCallerIsRefused() async throws {
        try await TestCity.run { city, client in
            let scene = try await IntakeScene.make(city, client)
            let casesBefore = try await city.store.cases(CaseQuery(matterCode: IntakeScene.matterCode)).total
            // Not joined: neither the system (off the plan, then planned only) nor the matter.
            try await scene.setSystemJoin(client, joinedOn: nil, planned: false)
            try expectProblem(try await scene.sender.send(Self.draft), .forbidden, field: "X-App-Key")
            try await scene.setSystemJoin(client, joinedOn: nil)
            try expectProblem(try await scene.sender.send(Self.draft), .forbidden, field: "X-App-Key")
            try await scene.setSystemJoin(client, joinedOn: "2018-04-10")
            let matterNotJoined = try expectProblem(try await scene.sender.send(Self.draft), .forbidden, field: "matterCode")
            #expect(problemText(matterNotJoined).contains(IntakeScene.matterCode))
            try await scene.setMatterJoin(client, city, joinedOn: "2018-04-10")

            // Another system of the same unit is not the matter's system.
            try expectProblem(try await scene.otherSender.send(Self.draft), .forbidden, field: "matterCode")
            // No key, an unknown key, a wrong signature, a stale timestamp.
            try expectProblem(try await scene.sender.send(Self.draft, unsigned: true), .unauthorized)
            try expectProblem(try await CaseSender(client: client, key: "no-such-key", secret: "x").send(Self.draft), .unauthorized)
            try expectProblem(try await scene.sender.send(Self.draft, tamper: true), .unauthorized)
            try expectProblem(try await scene.sender.send(Self.draft, at: Date().addingTimeInterval(-900)), .unauthorized)
            // An officer's token is not an app key here, and the officers' route takes no system.
            let officer = try await client.execute(uri: "/gateway/one-window/cases", method: .post, headers: .bearer(scene.police), body: try body(Self.draft))
            try expectProblem(officer, .unauthorized)
            try expectProblem(try await post(client, "/api/v1/cases", scene.police, Self.draft.merging(["systemID": Int(scene.system.id)]) { a, _ in a }),
                              .unprocessableContent, field: "systemID")
            #expect(try await city.store.cases(CaseQuery(matterCode: IntakeScene.matterCode)).total == casesBefore)

            // A nonce is single use, here and across the gateway's routes.
            #expect(try await scene.sender.send(Self.draft, nonce: "n-intake-1").status == .created)
            var next = Self.draft
            next["externalCode"] = "GA-2018-0002"
            try expectProblem(try await scene.sender.send(next, nonce: "n-intake-1"), .unauthorized)
            let gateway = GatewayClient(client: client, key: scene.sender.key, secret: scene.sender.secret)
            try expectProblem(try await gateway.call("no-such-service", [], nonce: "n-intake-1"), .unauthorized)
            try expectProblem(try await gateway.call("no-such-service", [], nonce: "n-intake-2"), .notFound)

            // A retired matter takes no case, and the refusal names it.
            let retired = try await post(client, "/api/v1/matters/\(IntakeScene.matterCode)/retire", scene.police, ["reason": "事项取消"])
            #expect(retired.status == .ok)
            let refused = try expectProblem(try await scene.sender.send(next), .unprocessableContent, field: "matterCode")
            #expect(problemText(refused).contains(IntakeScene.matterCode))
            #expect(try await city.store.cases(CaseQuery(matterCode: IntakeScene.matterCode)).total == casesBefore + 1)
        }
    }
}
