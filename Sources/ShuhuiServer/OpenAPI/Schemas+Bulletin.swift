extension Schemas {
    /// Bulletins, their figures and documents, opening balances.
    static var bulletin: [String: Any] {
        let kinds = strings(["weekly", "monthly"])
        let states = strings(["draft", "checked", "issued"])
        let event = object(["at": dateTime, "actorName": string, "action": strings(["generated", "edited", "checked", "issued"]), "state": states])
        let record = object([
            "id": integer, "kind": kinds, "start": string, "end": string, "state": states, "work": string,
            "createdAt": dateTime, "createdBy": string, "updatedAt": dateTime, "updatedBy": string,
            "checkedAt": dateTime, "checkedBy": string, "issuedAt": dateTime, "issuedBy": string,
            "events": ["type": "array", "items": event],
        ])
        let counterRow = object(["unitID": integer, "unitName": string, "systemID": integer, "systemName": string,
                                 "counts": ["type": "array", "items": integer], "cumulative": integer, "weekly": integer])
        let rows: [String: Any] = ["type": "array", "items": counterRow]
        let table = object(["number": integer, "title": string, "header": ["type": "array", "items": string],
                            "rows": ["type": "array", "items": ["type": "array", "items": string]], "note": string])
        let block = object(["kind": strings(["paragraph", "subheading", "chart", "table", "note"]), "text": string, "table": table])
        let point = object(["day": string, "value": integer])
        let figures = object([
            "kind": kinds, "start": string, "end": string, "collection": rows, "storedBytes": integer,
            "collectionTrend": ["type": "array", "items": point], "sharingCountersAvailable": boolean, "push": rows,
            "provincialTables": integer, "provincialFields": integer, "provincialRows": integer, "provincialWeekly": integer,
            "calls": rows, "servicesPublished": integer, "servicesProvincial": integer, "servicesInUse": integer, "servicesCalled": integer,
            "query": rows, "modulesPublished": integer, "modulesInUse": integer, "modulesVisitedInPeriod": integer,
            "queryUsers": integer, "connectedUnits": integer, "requestingUnits": integer, "requests": integer,
            "demand": ["type": "array", "items": object(["day": string, "push": integer, "api": integer, "query": integer])],
            "unused": ["type": "array", "items": object(["unitName": string, "count": integer])], "unusedDays": integer,
        ])
        let document = object([
            "kind": kinds, "start": string, "end": string, "language": strings(["zh-CN", "en"]), "heading": string, "title": string,
            "bureau": string, "dateLine": string,
            "sections": ["type": "array", "items": object(["heading": string, "blocks": ["type": "array", "items": block]])],
            "attachmentList": ["type": "array", "items": string], "attachments": ["type": "array", "items": table],
            "trend": ["type": "array", "items": point], "signature": string, "reportTo": string, "copyTo": string, "issuedLine": string,
        ])
        let balance = object([
            "organizationID": integer, "organizationName": string, "systemID": integer, "systemName": string,
            "measure": strings(["collectedRows", "storedBytes", "pushedRows", "calls", "visits"]), "asOf": string, "value": integer,
            "note": string, "setBy": string, "setAt": dateTime,
        ])
        return [
            "Bulletin": record,
            "BulletinPage": page("Bulletin"),
            "BulletinView": object(["bulletin": record, "figures": figures, "document": document], required: ["bulletin", "figures", "document"]),
            "GenerateInput": object(["kind": kinds, "periodEnd": ["type": "string", "format": "date"]], required: ["periodEnd"]),
            "EditInput": object(["work": string], required: ["work"]),
            "BulletinSettingsInput": object(["heading": string, "bureau": string, "signature": string, "reportTo": string, "copyTo": string,
                                             "topUnits": ["type": "integer", "minimum": 1, "maximum": 50]]),
            "OpeningBalanceList": object(["items": ["type": "array", "items": balance]], required: ["items"]),
            "BalanceImport": object(["imported": integer], required: ["imported"]),
        ]
    }
}
