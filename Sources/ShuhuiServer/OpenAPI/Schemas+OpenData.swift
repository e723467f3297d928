extension Schemas {
    /// Open data: developers, app keys, applications, apps, publications, usage.
    static var openData: [String: Any] {
        let review = strings(["pending", "approved", "refused"])
        let key = object(["id": integer, "name": string, "prefix": string, "dailyQuota": integer, "createdAt": dateTime, "revoked": boolean])
        let developer = object(["id": integer, "kind": strings(["person", "company"]), "name": string, "email": string, "creditCode": string, "createdAt": dateTime])
        return [
            "DeveloperRegistration": object(["kind": strings(["person", "company"]), "name": string, "email": string, "creditCode": string],
                                            required: ["kind", "name", "email"]),
            "OpenDeveloper": developer,
            "OpenAppKey": key,
            "IssuedAppKey": object(["key": ref("OpenAppKey"), "secret": string], required: ["key", "secret"]),
            "DeveloperWithKey": object(["developer": ref("OpenDeveloper"), "appKey": ref("IssuedAppKey")], required: ["developer", "appKey"]),
            "DeveloperAccount": object(["developer": ref("OpenDeveloper"), "keys": ["type": "array", "items": ref("OpenAppKey")]]),
            "AppKeyInput": object(["name": string, "dailyQuota": integer]),
            "OpenApplicationInput": object(["purpose": string], required: ["purpose"]),
            "OpenApplication": object([
                "id": integer, "datasetName": string, "datasetTitle": string, "providerID": integer, "developerID": integer,
                "developerName": string, "purpose": string, "state": review, "reason": string, "createdAt": dateTime, "decidedAt": dateTime,
            ]),
            "OpenApplicationList": list("OpenApplication"),
            "ReviewInput": object(["decision": strings(["approve", "refuse"]), "reason": string], required: ["decision"]),
            "OpenAppInput": object(["name": string, "description": string, "url": string, "datasets": ["type": "array", "items": string]],
                                   required: ["name", "url", "datasets"]),
            "OpenApp": object([
                "id": integer, "developerID": integer, "developerName": string, "name": string, "description": string, "url": string,
                "datasets": ["type": "array", "items": string], "state": review, "reason": string, "createdAt": dateTime,
            ]),
            "OpenAppList": list("OpenApp"),
            "PublicationInput": object(["resourceCode": string], required: ["resourceCode"]),
            "OpenPublication": object(["id": integer, "version": integer, "access": strings(["open", "restricted"]), "publishedAt": dateTime,
                                       "rowCount": integer, "fields": ["type": "array", "items": ref("Field")]]),
            "OpenUsageList": list("OpenUsageDay"),
            "OpenUsageDay": object(["day": string, "providerID": integer, "views": integer, "downloads": integer, "apiCalls": integer]),
        ]
    }
}
