import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

/// Every access decision, the denial as well as the grant.
@Suite struct AccessTests {
    @Test func noTokenIs401() async throws {
        try await TestCity.run { _, client in
            for path in ["/api/v1/resources", "/api/v1/organizations", "/api/v1/systems", "/api/v1/me", "/api/v1/catalog/statistics"] {
                let r = try await client.execute(uri: path, method: .get)
                try expectProblem(r, .unauthorized)
                #expect(r.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            let post = try await client.execute(uri: "/api/v1/resources", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            try expectProblem(post, .unauthorized)
        }
    }

    @Test func unknownOrRevokedTokenIs401() async throws {
        try await TestCity.run { city, client in
            try expectProblem(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer("shh_nonsense")), .unauthorized)
            try expectProblem(try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Basic abc"]), .unauthorized)
            let token = try await city.token("police")
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(token)).status == .ok)
            let list = try json(try await client.execute(uri: "/api/v1/tokens", method: .get, headers: .bearer(token)).body)
            let id = try #require((list["items"] as? [[String: Any]])?.first?["id"] as? Int)
            #expect(try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: .bearer(token)).status == .noContent)
            try expectProblem(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(token)), .unauthorized)
        }
    }

    @Test func passwordLogin() async throws {
        try await TestCity.run { _, client in
            let bad = try await client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                                               body: try body(["username": "police", "password": "wrong-password"]))
            try expectProblem(bad, .unauthorized)
            let ok = try await client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                                              body: try body(["username": "police", "password": "shuhui-demo"]))
            #expect(ok.status == .created)
            let secret = try #require(try json(ok.body)["secret"] as? String)
            let me = try json(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret)).body)
            #expect(me["role"] as? String == "officer")
        }
    }

    @Test func officerMayEditOnlyOwnUnitsResources() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let own = try await city.resource(of: "市公安局")
            let other = try await city.resource(of: "市人力社保局")

            var changed = other.draft
            changed.summary += "（修改）"
            let denied = try await client.execute(uri: "/api/v1/resources/\(other.code)", method: .put, headers: .bearer(token), body: try body(changed))
            try expectProblem(denied, .forbidden)
            #expect(try await city.store.resource(code: other.code).version == other.version)

            // Nor may it move its own resource to another unit.
            var moved = own.draft
            moved.providerID = other.draft.providerID
            try expectProblem(try await client.execute(uri: "/api/v1/resources/\(own.code)", method: .put, headers: .bearer(token), body: try body(moved)), .forbidden)

            var mine = own.draft
            mine.summary += "（修改）"
            let granted = try await client.execute(uri: "/api/v1/resources/\(own.code)", method: .put, headers: .bearer(token), body: try body(mine))
            #expect(granted.status == .ok)
            #expect(try await city.store.resource(code: own.code).version == own.version + 1)

            try expectProblem(try await client.execute(uri: "/api/v1/resources/\(other.code)", method: .delete, headers: .bearer(token)), .forbidden)
        }
    }

    @Test func officerMayRegisterSystemsOnlyForOwnUnit() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let police = try await city.organization("市公安局")
            let hrss = try await city.organization("市人力社保局")
            let other = SystemInput(organizationID: hrss.id, code: "T-1", name: "测试系统", level: .municipal)
            try expectProblem(try await client.execute(uri: "/api/v1/systems", method: .post, headers: .bearer(token), body: try body(other)), .forbidden)
            let mine = SystemInput(organizationID: police.id, code: "T-2", name: "测试系统", level: .municipal)
            #expect(try await client.execute(uri: "/api/v1/systems", method: .post, headers: .bearer(token), body: try body(mine)).status == .created)
            // Units themselves are the bureau's to register.
            let unit = OrganizationInput(code: "91110000600037341L", name: "测试单位", kind: .department, regionCode: "330100")
            try expectProblem(try await client.execute(uri: "/api/v1/organizations", method: .post, headers: .bearer(token), body: try body(unit)), .forbidden)
            let admin = try await city.token("admin")
            #expect(try await client.execute(uri: "/api/v1/organizations", method: .post, headers: .bearer(admin), body: try body(unit)).status == .created)
        }
    }

    @Test func readOnlyRolesCannotWrite() async throws {
        try await TestCity.run { city, client in
            let r = try await city.resource(of: "市公安局")
            for user in ["query", "auditor", "approver"] {
                let token = try await city.token(user)
                #expect(try await client.execute(uri: "/api/v1/resources", method: .get, headers: .bearer(token)).status == .ok)
                try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(r.draft)), .forbidden)
                try expectProblem(try await client.execute(uri: "/api/v1/resources/\(r.code)", method: .put, headers: .bearer(token), body: try body(r.draft)), .forbidden)
                try expectProblem(try await client.execute(uri: "/api/v1/users", method: .get, headers: .bearer(token)), .forbidden)
                let csv = ByteBuffer(string: "资源名称\n")
                try expectProblem(try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: csv), .forbidden)
            }
        }
    }
}
