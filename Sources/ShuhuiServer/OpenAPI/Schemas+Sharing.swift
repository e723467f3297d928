extension Schemas {
    static let states = ["pendingProvider", "pendingBureau", "granted", "refused", "withdrawn"]
    static let masks = ["none", "name", "residentID", "mobile", "landline", "address", "bankCard", "year", "pseudonym", "redact"]
    static let modes = ["push", "api", "query"]

    /// Sharing requests, grants, data services, credentials.
    static var sharing: [String: Any] {
        let maskMap: [String: Any] = ["type": "object", "additionalProperties": strings(masks)]
        let draft = object([
            "resourceCode": string, "systemID": integer, "fields": ["type": "array", "items": string], "mode": strings(modes),
            "purpose": string, "legalBasis": string, "validUntil": ["type": "string", "format": "date"],
        ], required: ["resourceCode", "systemID", "fields", "mode", "purpose", "validUntil"])
        let event = object(["at": dateTime, "actorName": string, "action": string, "state": strings(states), "reason": string])
        let request = object([
            "id": integer, "resourceCode": string, "resourceName": string, "providerID": integer, "providerName": string,
            "organizationID": integer, "organizationName": string, "systemID": integer, "systemName": string,
            "fields": ["type": "array", "items": string], "mode": strings(modes), "purpose": string, "legalBasis": string,
            "validUntil": string, "state": strings(states), "step": strings(["provider", "bureau"]), "dueAt": dateTime, "overdue": boolean,
            "reason": string, "requesterName": string, "createdAt": dateTime, "decidedAt": dateTime, "grantID": integer,
            "events": ["type": "array", "items": event],
        ])
        let grant = object([
            "id": integer, "requestID": integer, "organizationID": integer, "systemID": integer, "resourceID": integer, "resourceCode": string,
            "fields": ["type": "array", "items": string], "mode": strings(modes), "masks": maskMap, "ratePerMinute": integer,
            "activatedAt": dateTime, "validUntil": string, "revokedAt": dateTime, "revokeReason": string, "lastCalledAt": dateTime,
        ])
        let grantSummary = object(["grant": grant, "status": strings(["active", "expired", "revoked"]), "resourceName": string,
                                   "providerID": integer, "providerName": string, "organizationName": string, "systemName": string])
        let parameter = object(["field": string, "required": boolean], required: ["field", "required"])
        let serviceDraft = object([
            "code": ["type": "string", "pattern": "^[a-z][a-z0-9-]{2,63}$"], "name": string, "summary": string, "resourceCode": string,
            "fields": ["type": "array", "items": string], "parameters": ["type": "array", "items": parameter],
            "pageSize": ["type": "integer", "minimum": 1, "maximum": 100], "ratePerMinute": ["type": "integer", "minimum": 1],
        ], required: ["code", "name", "resourceCode", "fields"])
        let service = object(["id": integer, "draft": serviceDraft, "organizationID": integer, "resourceID": integer,
                              "state": strings(["draft", "published", "retired"]), "createdAt": dateTime, "publishedAt": dateTime, "retiredAt": dateTime])
        let credential = object(["id": integer, "systemID": integer, "appKey": string, "createdBy": string, "createdAt": dateTime, "revokedAt": dateTime])
        return [
            "SharingRequestDraft": draft,
            "SharingRequest": request,
            "SharingRequestPage": page("SharingRequest"),
            "SharingRequestList": list("SharingRequest"),
            "DecisionInput": object(["decision": strings(["approve", "refuse", "withdraw"]), "reason": string, "masks": maskMap,
                                     "ratePerMinute": integer, "validUntil": ["type": "string", "format": "date"]], required: ["decision"]),
            "GrantSummary": grantSummary,
            "GrantPage": page("GrantSummary"),
            "ReasonInput": object(["reason": string], required: ["reason"]),
            "UnusedGrantList": object(["items": ["type": "array", "items": object(["grant": grantSummary, "daysActive": integer])]]),
            "BureauInput": object(["organizationID": integer], required: ["organizationID"]),
            "CalendarList": object(["holidays": ["type": "array", "items": string], "workdays": ["type": "array", "items": string]]),
            "CalendarDayInput": object(["kind": strings(["holiday", "workday", "normal"]), "note": string], required: ["kind"]),
            "DataServiceDraft": serviceDraft,
            "DataService": service,
            "DataServiceList": list("DataService"),
            "OpenAPIDocument": ["type": "object"],
            "GatewayPage": object(["data": ["type": "array", "items": ["type": "object", "additionalProperties": ["type": ["string", "number", "boolean", "null"]]]],
                                   "hasMore": boolean, "limit": integer, "offset": integer], required: ["data", "hasMore", "limit", "offset"]),
            "CallPage": page("CallEntry"),
            "CallEntry": object(["id": integer, "at": dateTime, "appKey": string, "systemID": integer, "organizationID": integer,
                                 "serviceID": integer, "grantID": integer, "status": integer, "gatewayMicros": integer, "storeMicros": integer,
                                 "rows": integer, "bytes": integer, "params": string]),
            "IssuedCredential": object(["credential": credential, "secret": string], required: ["credential", "secret"]),
            "CredentialList": object(["items": ["type": "array", "items": credential]]),
        ].merging(pushAndQuery) { a, _ in a }
    }

    /// Push subscriptions and query pages.
    static var pushAndQuery: [String: Any] {
        let cursor = object(["batch": integer, "row": integer])
        let draft = object([
            "grantID": integer, "mode": strings(["full", "incremental"]), "targetKind": strings(["directory", "http"]), "target": string,
            "format": strings(["csv", "jsonl"]), "intervalMinutes": ["type": "integer", "minimum": 0, "maximum": 10080],
        ], required: ["grantID", "mode", "targetKind", "target", "format", "intervalMinutes"])
        let subscription = object([
            "id": integer, "code": string, "draft": draft, "resourceID": integer, "resourceCode": string, "providerID": integer,
            "organizationID": integer, "systemID": integer, "fields": ["type": "array", "items": string],
            "state": strings(["active", "paused", "cancelled"]), "cursor": cursor, "nextRunAt": dateTime, "lastError": string, "createdAt": dateTime,
        ])
        let summary = object(["subscription": subscription, "resourceName": string, "providerName": string, "organizationName": string,
                              "delivered": integer, "recordsDelivered": integer, "pending": integer])
        let delivery = object([
            "id": integer, "subscriptionID": integer, "batchID": string, "from": cursor, "to": cursor, "records": integer,
            "state": strings(["pending", "delivered", "cancelled"]), "attempts": integer, "nextAttemptAt": dateTime, "lastError": string,
            "createdAt": dateTime, "deliveredAt": dateTime,
        ])
        let parameter = object(["field": string, "required": boolean])
        let module = object([
            "module": object(["id": integer, "code": string, "name": string, "serviceCode": string, "serviceID": integer, "resourceID": integer,
                              "providerID": integer, "state": strings(["draft", "published", "retired"]), "createdAt": dateTime, "publishedAt": dateTime]),
            "providerName": string, "resourceName": string, "parameters": ["type": "array", "items": parameter], "usable": boolean,
        ])
        let visit = object(["at": dateTime, "module": string, "organizationName": string, "username": string, "status": integer,
                            "rows": integer, "params": string])
        return [
            "PushSubscriptionDraft": draft,
            "PushSubscription": summary,
            "PushSubscriptionList": object(["items": ["type": "array", "items": summary]]),
            "PushSubscriptionDetail": object(["summary": summary, "deliveries": ["type": "array", "items": delivery]]),
            "PushStateInput": object(["state": strings(["active", "paused", "cancelled"])], required: ["state"]),
            "QueryModuleDraft": object(["code": ["type": "string", "pattern": "^[a-z][a-z0-9-]{2,63}$"], "name": string, "serviceCode": string],
                                       required: ["code", "name", "serviceCode"]),
            "QueryModule": module,
            "QueryModuleList": object(["items": ["type": "array", "items": module]]),
            "QueryResult": object(["module": string, "fields": ["type": "array", "items": string],
                                   "rows": ["type": "array", "items": ["type": "object"]], "limit": integer, "offset": integer, "hasMore": boolean]),
            "QueryVisitList": object(["items": ["type": "array", "items": visit]]),
        ]
    }
}
