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
            "CallPage": page("CallEntry"),
            "CallEntry": object(["id": integer, "at": dateTime, "appKey": string, "systemID": integer, "organizationID": integer,
                                 "serviceID": integer, "grantID": integer, "status": integer, "gatewayMicros": integer, "storeMicros": integer,
                                 "rows": integer, "bytes": integer, "params": string]),
            "IssuedCredential": object(["credential": credential, "secret": string], required: ["credential", "secret"]),
            "CredentialList": object(["items": ["type": "array", "items": credential]]),
        ]
    }
}
