/// Why a piece of text is not a valid identifier (resident ID, credit code, phone number).
///
/// Each case has a stable `messageKey` for the string table and a ready zh/en sentence for
/// places (logs, CLI, problem-data reports) that do not go through the string table.
public enum IdentifierError: Error, Equatable, Sendable {
    /// The text has the wrong number of characters after normalisation.
    case length(expected: Int, actual: Int)
    /// The text contains a character that is not allowed at its position.
    case characters
    /// The final check character does not match the one computed from the others.
    case checkCharacter
    /// The embedded organisation code (GB 11714) of a credit code has a wrong check character.
    case organizationCheckCharacter
    /// The embedded birth date is not a real date, is before 1900 or lies in the future.
    case date
    /// The text has the right characters but not the required shape (for example a mobile
    /// number not starting with 13–19, or a landline without a valid area code).
    case format

    /// A stable key for the string table, for example `identifier.checkCharacter`.
    public var messageKey: String {
        switch self {
        case .length: "identifier.length"
        case .characters: "identifier.characters"
        case .checkCharacter: "identifier.checkCharacter"
        case .organizationCheckCharacter: "identifier.organizationCheckCharacter"
        case .date: "identifier.date"
        case .format: "identifier.format"
        }
    }

    /// A sentence saying what is wrong, in Chinese and English.
    public var message: (zh: String, en: String) {
        switch self {
        case let .length(expected, actual):
            ("长度应为\(expected)位，实际为\(actual)位", "must be \(expected) characters long, got \(actual)")
        case .characters:
            ("含有不允许的字符", "contains characters that are not allowed")
        case .checkCharacter:
            ("校验码错误", "check character is wrong")
        case .organizationCheckCharacter:
            ("组织机构代码部分的校验码错误", "check character of the organisation code part is wrong")
        case .date:
            ("出生日期无效", "birth date is not a valid date")
        case .format:
            ("格式不正确", "format is not valid")
        }
    }
}
