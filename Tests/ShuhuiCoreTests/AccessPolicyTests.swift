import ShuhuiCore
import Testing

/// The write rules, grant and denial for every role.
@Suite struct AccessPolicyTests {
    let police: Int64 = 7, hrss: Int64 = 9

    func principal(_ role: Role, unit: Int64?) -> Principal {
        Principal(userID: 1, username: "u", displayName: "u", role: role, organizationID: unit)
    }

    @Test func adminMayEditAnyUnit() throws {
        try AccessPolicy.canEdit(ownedBy: police, principal(.admin, unit: nil))
        try AccessPolicy.canEdit(ownedBy: hrss, principal(.admin, unit: nil))
        try AccessPolicy.canManageOrganizations(principal(.admin, unit: nil))
        try AccessPolicy.canManageUsers(principal(.admin, unit: nil))
    }

    @Test func officerMayEditOwnUnitOnly() throws {
        let officer = principal(.officer, unit: police)
        try AccessPolicy.canEdit(ownedBy: police, officer)
        #expect(throws: AccessDenial.scope(ownUnit: police)) { try AccessPolicy.canEdit(ownedBy: hrss, officer) }
        #expect(throws: AccessDenial.role(.officer)) { try AccessPolicy.canManageOrganizations(officer) }
        #expect(throws: AccessDenial.role(.officer)) { try AccessPolicy.canManageUsers(officer) }
        try AccessPolicy.canImportCatalog(officer)
        // An officer without a unit edits nothing.
        #expect(throws: AccessDenial.scope(ownUnit: nil)) { try AccessPolicy.canEdit(ownedBy: police, principal(.officer, unit: nil)) }
    }

    @Test(arguments: [Role.approver, .queryUser, .auditor])
    func readOnlyRolesWriteNothing(_ role: Role) {
        let p = principal(role, unit: police)
        #expect(throws: AccessDenial.role(role)) { try AccessPolicy.canEdit(ownedBy: police, p) }
        #expect(throws: AccessDenial.role(role)) { try AccessPolicy.canImportCatalog(p) }
        #expect(throws: AccessDenial.role(role)) { try AccessPolicy.canManageOrganizations(p) }
    }
}
