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

/// People the sharing tests act as, with their tokens.
struct SharingCast {
    let police, policeApprover, hrss, bureau, admin, query: String
    let population: Resource
    let hrssSystem: InformationSystem
    /// A year from today: inside the three-year limit.
    static var until: String { CalendarDate.today().adding(days: 365).description }

    static func make(_ city: TestCity) async throws -> SharingCast {
        let police = try await city.organization("市公安局"), hrss = try await city.organization("市人力社保局")
        return SharingCast(
            police: try await city.token("police"), policeApprover: try await city.token("police-approver"), hrss: try await city.token("hrss"),
            bureau: try await city.token("approver"), admin: try await city.token("admin"), query: try await city.token("query"),
            population: try #require(try await city.store.resources(providerID: police.id).first { $0.draft.name == "常住人口基本信息" }),
            hrssSystem: try #require(try await city.store.systems(organizationID: hrss.id).first))
    }

    func requestBody(fields: [String] = ["gmsfhm", "xm", "sjhm"], mode: String = "api", system: Int64? = nil) throws -> ByteBuffer {
        try body(["resourceCode": population.code, "systemID": system ?? hrssSystem.id, "fields": fields, "mode": mode,
                  "purpose": "社保待遇资格认证", "legalBasis": "《社会保险法》第八十条", "validUntil": SharingCast.until] as [String: Any])
    }
}

func post(_ client: any TestClientProtocol, _ uri: String, _ token: String, _ object: [String: Any] = [:]) async throws -> TestResponse {
    try await client.execute(uri: uri, method: .post, headers: .bearer(token), body: try body(object))
}

@Suite struct SharingRequestTests {
    @Test func conditionalRequestGoesThroughProviderThenBureau() async throws {
        try await TestCity.run { city, client in
            let c = try await SharingCast.make(city)
            let created = try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss), body: try c.requestBody())
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let request = try json(created.body)
            let id = try #require(request["id"] as? Int)
            #expect(request["state"] as? String == "pendingProvider")
            #expect(request["step"] as? String == "provider")
            #expect(request["dueAt"] is String && request["overdue"] as? Bool == false)
            let decision = "/api/v1/sharing/requests/\(id)/decision"

            // The provider step: not the bureau, not the provider's officer, not the requester.
            for token in [c.bureau, c.police, c.hrss, c.query] {
                try expectProblem(try await post(client, decision, token, ["decision": "approve"]), .forbidden)
            }
            try expectProblem(try await post(client, decision, c.policeApprover, ["decision": "refuse"]), .unprocessableContent, field: "reason")
            let todo = try json(try await client.execute(uri: "/api/v1/sharing/todo", method: .get, headers: .bearer(c.policeApprover)).body)
            #expect((todo["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            let afterProvider = try json(try await post(client, decision, c.policeApprover, ["decision": "approve"]).body)
            #expect(afterProvider["state"] as? String == "pendingBureau")

            // The bureau step: the provider's approver may not take it.
            try expectProblem(try await post(client, decision, c.policeApprover, ["decision": "approve"]), .forbidden)
            try expectProblem(try await post(client, decision, c.bureau, ["decision": "approve", "masks": ["csrq": "year"]]), .unprocessableContent, field: "masks.csrq")
            let granted = try json(try await post(client, decision, c.bureau, ["decision": "approve", "masks": ["xm": "pseudonym"], "ratePerMinute": 100]).body)
            #expect(granted["state"] as? String == "granted")
            let grantID = try #require(granted["grantID"] as? Int)
            try expectProblem(try await post(client, decision, c.bureau, ["decision": "approve"]), .conflict)

            // The history names every step; the grant carries the suggested and chosen masks.
            let detail = try json(try await client.execute(uri: "/api/v1/sharing/requests/\(id)", method: .get, headers: .bearer(c.hrss)).body)
            #expect((detail["events"] as? [[String: Any]])?.map { $0["action"] as? String } == ["submit", "approve", "approve"])
            let grant = try json(try await client.execute(uri: "/api/v1/sharing/grants/\(grantID)", method: .get, headers: .bearer(c.hrss)).body)
            let masks = (grant["grant"] as? [String: Any])?["masks"] as? [String: String]
            #expect(masks == ["gmsfhm": "residentID", "xm": "pseudonym", "sjhm": "mobile"])
            #expect(grant["status"] as? String == "active")

            // Units outside the request see nothing of it.
            try expectProblem(try await client.execute(uri: "/api/v1/sharing/requests/\(id)", method: .get, headers: .bearer(c.query)), .forbidden)
            try expectProblem(try await client.execute(uri: "/api/v1/sharing/grants/\(grantID)", method: .get, headers: .bearer(c.query)), .forbidden)
            let others = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .get, headers: .bearer(c.query)).body)
            #expect(others["total"] as? Int == 0)
        }
    }

    @Test func refusalAndWithdrawalEndRequests() async throws {
        try await TestCity.run { city, client in
            let c = try await SharingCast.make(city)
            let first = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss), body: try c.requestBody()).body)
            let refused = try json(try await post(client, "/api/v1/sharing/requests/\(first["id"] as? Int ?? 0)/decision", c.policeApprover,
                                                  ["decision": "refuse", "reason": "用途与共享条件不符"]).body)
            #expect(refused["state"] as? String == "refused" && refused["reason"] as? String == "用途与共享条件不符" && refused["grantID"] == nil)

            let second = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss), body: try c.requestBody()).body)
            let path = "/api/v1/sharing/requests/\(second["id"] as? Int ?? 0)/decision"
            try expectProblem(try await post(client, path, c.police, ["decision": "withdraw"]), .forbidden)
            let withdrawn = try json(try await post(client, path, c.hrss, ["decision": "withdraw"]).body)
            #expect(withdrawn["state"] as? String == "withdrawn")
            try expectProblem(try await post(client, path, c.policeApprover, ["decision": "approve"]), .conflict)
        }
    }

    @Test func badRequestsAreRefusedWithTheField() async throws {
        try await TestCity.run { city, client in
            let c = try await SharingCast.make(city)
            func create(_ token: String, _ b: ByteBuffer) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(token), body: b)
            }
            try expectProblem(try await create(c.hrss, try c.requestBody(mode: "push")), .unprocessableContent, field: "mode")
            try expectProblem(try await create(c.hrss, try c.requestBody(fields: ["nope"])), .unprocessableContent, field: "fields[0]")
            // Another unit's system, and the provider asking for its own resource.
            let police = try await city.organization("市公安局")
            let policeSystem = try #require(try await city.store.systems(organizationID: police.id).first)
            try expectProblem(try await create(c.hrss, try c.requestBody(system: policeSystem.id)), .forbidden)
            try expectProblem(try await create(c.police, try c.requestBody(system: policeSystem.id)), .unprocessableContent, field: "systemID")
            try expectProblem(try await create(c.bureau, try c.requestBody()), .forbidden)
            // A resource that is not shared cannot be asked for.
            let closed = try #require(try await city.store.resources().first { $0.draft.sharing == .notShared && $0.draft.providerID != c.hrssSystem.organizationID })
            try expectProblem(try await create(c.hrss, try body(["resourceCode": closed.code, "systemID": c.hrssSystem.id, "fields": [closed.draft.fields[0].code],
                                                                 "mode": "api", "purpose": "x", "legalBasis": "y", "validUntil": SharingCast.until] as [String: Any])),
                              .unprocessableContent, field: "resourceCode")
            try expectProblem(try await create(c.hrss, try body(["resourceCode": c.population.code, "systemID": c.hrssSystem.id, "mood": "api"] as [String: Any])),
                              .unprocessableContent, field: "mood")
        }
    }

    @Test func unconditionalResourcesAreGrantedAtOnce() async throws {
        try await TestCity.run { city, client in
            let c = try await SharingCast.make(city)
            let open = try #require(try await city.store.resources().first {
                $0.draft.sharing == .unconditional && $0.draft.sharingModes.contains(.api) && $0.draft.providerID != c.hrssSystem.organizationID
                    && $0.draft.fields.allSatisfy { $0.sharing == nil || $0.sharing == .unconditional }
            })
            let r = try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss), body: try body([
                "resourceCode": open.code, "systemID": c.hrssSystem.id, "fields": [open.draft.fields[0].code], "mode": "api",
                "purpose": "业务协同", "legalBasis": "", "validUntil": SharingCast.until] as [String: Any]))
            #expect(r.status == .created)
            let request = try json(r.body)
            #expect(request["state"] as? String == "granted" && request["grantID"] is Int)
        }
    }
}
