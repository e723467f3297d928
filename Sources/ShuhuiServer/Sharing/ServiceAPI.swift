import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

extension DataServiceDraft: StrictInput {
    static var knownKeys: Set<String> { ["code", "name", "summary", "resourceCode", "fields", "parameters", "pageSize", "ratePerMinute"] }
    static var nestedKeys: [String: Set<String>] { ["parameters": ["field", "required"]] }
}

/// Data services (接口) and the consuming systems' gateway credentials.
enum ServiceAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .post, path: "/api/v1/services", tag: "services", summary: "Draft a data service over one of your unit's resources",
                      body: "DataServiceDraft", response: "DataService", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(DataServiceDraft.self, req, context: ctx)
            return try Reply.json(try await store.createService(draft, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/services", tag: "services", summary: "Data services, by code",
                      query: [("state", "string"), ("organizationID", "integer")], response: "DataServiceList")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let items = try await store.services(providerID: try req.intQuery("organizationID").map(Int64.init), state: try req.enumQuery("state", ServiceState.self))
            return try Reply.json(["items": items])
        }
        api.add(.init(method: .get, path: "/api/v1/services/{code}", tag: "services", summary: "One data service", response: "DataService")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.service(code: try ctx.parameters.require("code")))
        }
        api.add(.init(method: .put, path: "/api/v1/services/{code}", tag: "services", summary: "Change a draft service",
                      body: "DataServiceDraft", response: "DataService")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            let draft = try await JSONBody.decode(DataServiceDraft.self, req, context: ctx)
            return try Reply.json(try await store.updateService(code: code, draft, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/services/{code}/publish", tag: "services", summary: "Publish a draft service (granted systems may call it)",
                      response: "DataService")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(try await store.setServiceState(code: try ctx.parameters.require("code"), .published, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/services/{code}/retire", tag: "services", summary: "Retire a published service (calls are refused from now on)",
                      response: "DataService")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(try await store.setServiceState(code: try ctx.parameters.require("code"), .retired, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/services/{code}/openapi.json", tag: "services",
                      summary: "The service's own OpenAPI 3.1 description: gateway path, parameters, signature headers, fields returned", authenticated: false,
                      response: "OpenAPIDocument")) { _, ctx in
            let code = try ctx.parameters.require("code")
            guard let (service, resource) = try await store.gatewayService(code: code) else { throw Problem.notFound("service \(code)") }
            let document = ServiceOpenAPI.document(service, resource)
            return Reply.bytes(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]), contentType: "application/json")
        }
        api.add(.init(method: .get, path: "/api/v1/systems/{id}/services", tag: "services", summary: "The published services a system may call (its active API grants)",
                      response: "DataServiceList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let system = try await store.system(id: try ctx.parameters.require("id", as: Int64.self))
            try AccessPolicy.canSee(consumer: system.organizationID, provider: system.organizationID, bureau: try await store.bureauID(), p)
            return try Reply.json(["items": try await store.callableServices(systemID: system.id)])
        }
        api.add(.init(method: .post, path: "/api/v1/systems/{id}/credentials", tag: "services",
                      summary: "Issue an app key and HMAC secret for one of your unit's systems; the secret is shown once", response: "IssuedCredential", status: 201)) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(try await store.issueCredential(systemID: try ctx.parameters.require("id", as: Int64.self), by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/systems/{id}/credentials", tag: "services", summary: "A system's app keys (never the secrets)",
                      response: "CredentialList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let system = try await store.system(id: try ctx.parameters.require("id", as: Int64.self))
            try AccessPolicy.canEdit(ownedBy: system.organizationID, p)
            return try Reply.json(["items": try await store.credentials(systemID: system.id)])
        }
        api.add(.init(method: .delete, path: "/api/v1/credentials/{id}", tag: "services", summary: "Disable an app key at once", status: 204)) { _, ctx in
            let p = try ctx.requirePrincipal()
            try await store.revokeCredential(id: try ctx.parameters.require("id", as: Int64.self), by: p)
            return Reply.noContent()
        }
    }
}
