import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

extension DeveloperRegistration: StrictInput {
    static var knownKeys: Set<String> { ["kind", "name", "email", "creditCode"] }
}

/// Body of `POST /api/v1/open/keys`.
struct AppKeyInput: StrictInput {
    var name: String?
    var dailyQuota: Int?
    static var knownKeys: Set<String> { ["name", "dailyQuota"] }
}

/// Body of an application for a restricted dataset.
struct OpenApplicationInput: StrictInput {
    var purpose: String
    static var knownKeys: Set<String> { ["purpose"] }
}

/// A reviewer's decision.
struct ReviewInput: StrictInput {
    var decision: String
    var reason: String?
    static var knownKeys: Set<String> { ["decision", "reason"] }

    func approve() throws -> Bool {
        switch decision {
        case "approve": return true
        case "refuse": return false
        default: throw Problem.badRequest(field: "decision", Strings.format("v.invalidValue", ["value": decision, "allowed": "approve, refuse"]))
        }
    }
}

/// A showcased app.
struct OpenAppInput: StrictInput {
    var name: String
    var description: String?
    var url: String
    var datasets: [String]
    static var knownKeys: Set<String> { ["name", "description", "url", "datasets"] }
}

/// A publication request.
struct PublicationInput: StrictInput {
    var resourceCode: String
    static var knownKeys: Set<String> { ["resourceCode"] }
}

/// `/api/v1/open/…`: developer registration and keys (app key in `X-App-Key`), restricted
/// applications and their review (platform bearer token of the provider unit), the apps
/// showcase, publications and usage.
enum OpenDataAPI {
    struct Registered: Encodable { var developer: OpenDeveloper; var appKey: IssuedAppKey }
    struct Account: Encodable { var developer: OpenDeveloper; var keys: [OpenAppKey] }
    struct Items<T: Encodable>: Encodable { var items: [T] }
    struct UsageDay: Encodable { var day: String; var providerID: Int64; var views: Int; var downloads: Int; var apiCalls: Int }

    static func developer(_ req: Request, _ store: Store) async throws -> OpenKeyOwner {
        guard let owner = try await OpenDataRoutes.developer(req, store: store) else { throw OpenDenial.badKey }
        return owner
    }

    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .post, path: "/api/v1/open/developers", tag: "open", summary: "Register as a developer (person, or company with its credit code); returns the first app key once",
                      authenticated: false, body: "DeveloperRegistration", response: "DeveloperWithKey", status: 201)) { req, ctx in
            let input = try await JSONBody.decode(DeveloperRegistration.self, req, context: ctx)
            let (dev, key) = try await store.registerDeveloper(input)
            return try Reply.json(Registered(developer: dev, appKey: key), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/open/me", tag: "open", summary: "The developer behind X-App-Key, with its keys",
                      authenticated: false, response: "DeveloperAccount")) { req, _ in
            let owner = try await developer(req, store)
            return try Reply.json(Account(developer: try await store.developer(id: owner.developerID), keys: try await store.appKeys(developerID: owner.developerID)))
        }
        api.add(.init(method: .post, path: "/api/v1/open/keys", tag: "open", summary: "Issue another app key with its daily quota",
                      authenticated: false, body: "AppKeyInput", response: "IssuedAppKey", status: 201)) { req, ctx in
            let owner = try await developer(req, store)
            let input = try await JSONBody.decode(AppKeyInput.self, req, context: ctx)
            return try Reply.json(try await store.issueAppKey(developerID: owner.developerID, name: input.name ?? "key", quota: input.dailyQuota ?? Store.defaultOpenQuota), status: .created)
        }
        api.add(.init(method: .post, path: "/api/v1/open/datasets/{name}/applications", tag: "open", summary: "Apply for a restricted dataset (受限开放申请)",
                      authenticated: false, body: "OpenApplicationInput", response: "OpenApplication", status: 201)) { req, ctx in
            let owner = try await developer(req, store)
            let input = try await JSONBody.decode(OpenApplicationInput.self, req, context: ctx)
            let name = try ctx.parameters.require("name")
            guard let ds = try await store.openDataset(name) else { throw Problem.notFound("dataset \(name)") }
            return try Reply.json(try await store.applyForDataset(ds, developerID: owner.developerID, purpose: input.purpose), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/open/applications", tag: "open", summary: "Applications: the reviewer's unit's (all for the bureau), or the developer's own with X-App-Key",
                      authenticated: false, response: "OpenApplicationList")) { req, ctx in
            if let p = ctx.principal {
                let unit: Int64? = p.role == .admin || p.role == .auditor ? nil : (p.organizationID ?? -1)
                return try Reply.json(Items(items: try await store.openApplications(providerID: unit)))
            }
            let owner = try await developer(req, store)
            return try Reply.json(Items(items: try await store.openApplications(developerID: owner.developerID)))
        }
        api.add(.init(method: .post, path: "/api/v1/open/applications/{id}/decision", tag: "open", summary: "The provider unit (or the bureau) approves or refuses an application",
                      body: "ReviewInput", response: "OpenApplication")) { req, ctx in
            let p = try ctx.requirePrincipal()
            guard let id = Int64(try ctx.parameters.require("id")) else { throw Problem.notFound("application") }
            let input = try await JSONBody.decode(ReviewInput.self, req, context: ctx)
            return try Reply.json(try await store.decideApplication(id: id, approve: try input.approve(), reason: input.reason ?? "", by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/open/apps", tag: "open", summary: "The showcase: approved apps built on open data",
                      authenticated: false, response: "OpenAppList")) { _, ctx in
            let all = ctx.principal?.role == .admin
            return try Reply.json(Items(items: try await store.openApps(state: all ? nil : .approved)))
        }
        api.add(.init(method: .post, path: "/api/v1/open/apps", tag: "open", summary: "Submit an app for the showcase (reviewed by the bureau)",
                      authenticated: false, body: "OpenAppInput", response: "OpenApp", status: 201)) { req, ctx in
            let owner = try await developer(req, store)
            let input = try await JSONBody.decode(OpenAppInput.self, req, context: ctx)
            return try Reply.json(try await store.submitApp(developerID: owner.developerID, name: input.name, description: input.description ?? "", url: input.url, datasets: input.datasets), status: .created)
        }
        api.add(.init(method: .post, path: "/api/v1/open/apps/{id}/review", tag: "open", summary: "The bureau approves or refuses a showcased app",
                      body: "ReviewInput", response: "OpenApp")) { req, ctx in
            let p = try ctx.requirePrincipal()
            guard let id = Int64(try ctx.parameters.require("id")) else { throw Problem.notFound("app") }
            let input = try await JSONBody.decode(ReviewInput.self, req, context: ctx)
            return try Reply.json(try await store.reviewApp(id: id, approve: try input.approve(), reason: input.reason ?? "", by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/open/publications", tag: "open", summary: "Publish a resource's current data as a new dataset version (snapshot with CSV/JSON/XLSX)",
                      body: "PublicationInput", response: "OpenPublication", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(PublicationInput.self, req, context: ctx)
            return try Reply.json(try await store.publishOpenDataset(code: input.resourceCode, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/open/usage", tag: "open", summary: "Views, downloads and API calls per unit and day",
                      query: [("days", "integer")], response: "OpenUsageList")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let days = min(max(try req.intQuery("days") ?? 30, 1), 366)
            return try Reply.json(Items(items: try await store.openUsageByUnit(days: days).map {
                UsageDay(day: $0.day, providerID: $0.providerID, views: $0.views, downloads: $0.downloads, apiCalls: $0.calls)
            }))
        }
    }
}
