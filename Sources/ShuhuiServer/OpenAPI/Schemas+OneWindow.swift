extension Schemas {
    static let matterKinds = ["licence", "confirmation", "payment", "ruling", "reward", "otherPower", "publicService"]
    static let matterLevels = ["municipal", "district", "township"]
    static let caseStates = ["applied", "prereview", "accepted", "refused", "correction", "review", "approved", "denied", "withdrawn", "terminated"]
    static let caseActions = ["prereview", "accept", "refuse", "requestCorrection", "resubmit", "review", "approve", "deny", "withdraw", "terminate"]
    static let exceptions = ["upperSystem", "secret", "fewCases", "law", "unitList"]

    /// One-window platform: matters, joins, cases, bundles, indicators, targets, tasks.
    static var oneWindow: [String: Any] {
        let date: [String: Any] = ["type": "string", "format": "date"]
        let rate = object(["numerator": integer, "denominator": integer, "percent": string], required: ["numerator", "denominator"])
        let join = object(["joinedOn": date, "mode": strings(["platformForm", "ownSystemForm"]), "batch": string])
        let matterDraft = object([
            "basicCode": string, "code": string, "name": string, "kind": strings(matterKinds), "organizationID": integer, "level": strings(matterLevels),
            "legalDays": integer, "promisedDays": integer, "systemID": integer, "systemName": string,
            "systemLevel": strings(["national", "provincial", "municipal", "district"]), "caseVolume": ["type": "integer", "minimum": 0],
            "contact": string, "phone": string, "scope": string, "districts": ["type": "array", "items": string],
            "audience": strings(["person", "legalEntity", "both"]), "top100": boolean, "nearby": boolean, "online": boolean,
            "onlineException": strings(exceptions), "join": join,
        ], required: ["code", "name", "kind", "organizationID", "level"])
        let retirement = object(["retiredOn": date, "reason": string, "retiredBy": string])
        let matter = object(["id": integer, "draft": ref("MatterDraft"), "organizationName": string, "systemDisplayName": string, "updatedAt": dateTime,
                             "retirement": retirement])
        let tally = object(["rank": integer, "organizationID": integer, "name": string, "planned": integer, "joined": integer, "rate": rate])
        let localized = object(["zh": string, "en": string])
        let systemJoin = object(["systemID": integer, "systemName": string, "level": string, "organizationID": integer, "organizationName": string,
                                 "planned": boolean, "join": join])
        let clock = object(["acceptedOn": date, "promisedDays": integer, "pauses": ["type": "array", "items": object(["from": date, "to": date])], "endedOn": date])
        let event = object(["at": dateTime, "day": date, "actorName": string, "action": string, "state": strings(caseStates), "reason": string])
        let caseRecord = object([
            "id": integer, "matterCode": string, "matterName": string, "organizationID": integer, "organizationName": string, "applicationID": integer,
            "channel": strings(["window", "system", "bundle"]), "systemID": integer, "externalCode": string, "applicant": string, "state": strings(caseStates),
            "receivedAt": dateTime, "acceptedOn": date, "completedOn": date, "clock": clock, "dueOn": date, "remainingDays": integer, "overdue": boolean,
            "paused": boolean, "reason": string, "allowedActions": ["type": "array", "items": strings(caseActions)], "events": ["type": "array", "items": event],
        ])
        let count = object(["key": string, "name": string, "received": integer, "accepted": integer, "completed": integer, "overdue": integer])
        let matterRef = object(["code": string, "name": string, "organizationName": string])
        let bundle = object(["id": integer, "code": string, "name": string, "organizationID": integer, "organizationName": string,
                             "audience": string, "matters": ["type": "array", "items": matterRef], "applications": integer, "completed": integer])
        let bundleStats = object(["bundles": integer, "mattersMerged": integer, "applications": integer, "completed": integer])
        let indicatorDraft = object([
            "code": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"], "name": string, "unitOfMeasure": string,
            "period": strings(["week", "month", "quarter", "year"]), "higherIsBetter": boolean, "percent": boolean,
            "decimals": ["type": "integer", "minimum": 0, "maximum": 6], "formula": string,
        ], required: ["code", "name"])
        let cell = object(["value": ["type": "number"], "text": string, "computed": boolean])
        let cells: [String: Any] = ["type": "object", "additionalProperties": cell]
        let online = object(["matters": integer, "online": integer, "exceptions": integer, "byException": ["type": "object"], "rate": rate, "rateWithoutExceptions": rate])
        let target = object(["code": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"], "kind": strings(["top100Joined", "mattersJoined", "pilotNearby"]),
                             "percent": ["type": "integer", "minimum": 1, "maximum": 100], "deadline": date, "districts": ["type": "array", "items": string]],
                            required: ["code", "kind", "percent", "deadline", "districts"])
        let task = object(["id": integer, "parentID": integer, "title": string, "organizationID": integer, "organizationName": string, "owner": string,
                           "dueOn": date, "doneOn": date, "filed": boolean, "progress": string, "overdue": boolean])
        return [
            "MatterDraft": matterDraft,
            "Matter": matter,
            "MatterPage": page("Matter"),
            "MatterList": list("Matter"),
            "MatterImportReport": object(["created": ["type": "array", "items": string], "updated": ["type": "array", "items": string],
                                          "unchanged": ["type": "array", "items": string]]),
            "SystemJoin": systemJoin,
            "SystemJoinList": list("SystemJoin"),
            "SystemJoinInput": object(["planned": boolean, "join": join], required: ["planned", "join"]),
            "JoinImportReport": object(["systems": integer, "planned": integer, "joined": integer]),
            "JoinTally": tally,
            "SystemJoinReport": object(["rows": ["type": "array", "items": ref("JoinTally")], "municipal": ref("JoinTally"), "districts": ref("JoinTally"),
                                        "total": ref("JoinTally"), "laggards": ["type": "array", "items": ref("JoinTally")], "laggardText": localized]),
            "TopMatterJoinReport": object(["rows": ["type": "array", "items": ref("JoinTally")], "total": ref("JoinTally")]),
            "OnlineHandling": online,
            "CaseDraft": object(["matterCode": string, "applicant": string], required: ["matterCode", "applicant"]),
            "SystemCaseDraft": object(["matterCode": string, "applicant": string, "externalCode": string],
                                     required: ["matterCode", "applicant", "externalCode"]),
            "MatterRetireInput": object(["retiredOn": date, "reason": ["type": "string", "minLength": 1, "maxLength": 500]], required: ["reason"]),
            "Case": caseRecord,
            "CasePage": page("Case"),
            "CaseActionInput": object(["action": strings(caseActions), "reason": string], required: ["action"]),
            "CaseCount": count,
            "CaseCounts": object(["grouping": strings(["matter", "unit", "week"]), "rows": ["type": "array", "items": ref("CaseCount")], "total": ref("CaseCount")]),
            "BundleDraft": object(["code": string, "name": string, "organizationID": integer, "audience": strings(["person", "legalEntity", "both"]),
                                   "matterCodes": ["type": "array", "items": string]], required: ["code", "name", "organizationID", "matterCodes"]),
            "Bundle": bundle,
            "BundleList": list("Bundle"),
            "BundleApplicationInput": object(["applicant": string], required: ["applicant"]),
            "BundleApplication": object(["id": integer, "bundleCode": string, "applicant": string, "progress": strings(["open", "completed", "closed"]),
                                         "cases": ["type": "array", "items": ref("Case")]]),
            "BundleStatistics": bundleStats,
            "IndicatorDraft": indicatorDraft,
            "Indicator": object(["id": integer, "draft": ref("IndicatorDraft")]),
            "IndicatorList": list("Indicator"),
            "IndicatorImportReport": object(["periods": ["type": "array", "items": string], "units": integer, "values": integer]),
            "IndicatorRanking": object(["period": string, "columns": ["type": "array", "items": ref("IndicatorDraft")], "rankedBy": string,
                                        "rows": ["type": "array", "items": object(["rank": integer, "organizationID": integer, "organizationName": string, "cells": cells])],
                                        "total": cells]),
            "IndicatorTrend": object(["items": ["type": "array", "items": object(["period": string, "total": cell, "units": integer])]]),
            "OneWindowTarget": target,
            "TargetProgressList": object(["items": ["type": "array", "items": object(["target": ref("OneWindowTarget"), "scope": string, "rate": rate,
                                                                                      "met": boolean, "daysLeft": integer, "overdue": boolean])]]),
            "OneWindowSummary": object(["asOf": date, "matters": ref("JoinTally"), "top100": ref("JoinTally"), "systems": ref("JoinTally"),
                                        "cases": ref("CaseCount"), "casesThisWeek": ref("CaseCount"), "online": online, "bundles": bundleStats]),
            "TaskDraft": object(["parentID": integer, "title": string, "organizationID": integer, "owner": string, "dueOn": date],
                                required: ["title", "organizationID", "owner", "dueOn"]),
            "TaskBoard": object(["month": string, "tasks": integer, "subtasks": integer, "filed": integer, "unfiled": integer, "overdue": integer,
                                 "items": ["type": "array", "items": task]]),
            "TaskFilingInput": object(["month": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "progress": string, "done": boolean], required: ["month", "progress"]),
            "CreatedID": object(["id": integer], required: ["id"]),
        ]
    }
}
