/// The Chinese numeral characters understood by step 6, and a few context characters. The list
/// of numeral characters (which get the numeral class) is `ScalarClass.numeralCharacters`.
enum ChineseNumeral {
  /// What a numeral character stands for.
  enum Kind: Equatable {
    /// A digit 1...9 (`一二三…`, financial `壹贰叁…`, `两`).
    case digit(Int64)
    /// `零` or `〇`.
    case zero
    /// A unit: `十拾` 10, `百佰` 100, `千仟` 1000, `万萬` 10⁴, `亿億` 10⁸.
    case unit(Int64)
  }

  /// The meaning of a numeral character, or `nil` for any other scalar.
  @inline(__always)
  static func kind(_ value: UInt32) -> Kind? {
    switch value {
    case 0x3007, 0x96F6: return .zero
    case 0x4E00, 0x58F9, 0x5F0C: return .digit(1)
    case 0x4E8C, 0x8D30, 0x8CB3, 0x4E24, 0x5169, 0x5F0D: return .digit(2)
    case 0x4E09, 0x53C1, 0x53C4, 0x5F0E: return .digit(3)
    case 0x56DB, 0x8086: return .digit(4)
    case 0x4E94, 0x4F0D: return .digit(5)
    case 0x516D, 0x9646, 0x9678: return .digit(6)
    case 0x4E03, 0x67D2: return .digit(7)
    case 0x516B, 0x634C: return .digit(8)
    case 0x4E5D, 0x7396: return .digit(9)
    case 0x5341, 0x62FE: return .unit(10)
    case 0x767E, 0x4F70: return .unit(100)
    case 0x5343, 0x4EDF: return .unit(1000)
    case 0x4E07, 0x842C: return .unit(10_000)
    case 0x4EBF, 0x5104: return .unit(100_000_000)
    default: return nil
    }
  }

  /// Whether `value` is a unit character (`十百千万亿` and their other forms).
  @inline(__always)
  static func isUnit(_ value: UInt32) -> Bool {
    if case .unit = kind(value) { return true }
    return false
  }

  static let fen: UInt32 = 0x5206  // 分
  static let zhi: UInt32 = 0x4E4B  // 之
  static let dian: UInt32 = 0x70B9  // 点
  static let ge: UInt32 = 0x4E2A  // 个
  static let nian: UInt32 = 0x5E74  // 年

  /// Characters after which a lone digit (`三成`, `两倍`, `一年`) is read as a number.
  static func isFollower(_ value: UInt32) -> Bool {
    switch value {
    case 0x6210, 0x500D, 0x6298, 0x5398, 0x5206, 0x6BDB, 0x89D2:  // 成 倍 折 厘 分 毛 角
      return true
    case 0x5143, 0x5757, 0x5706, 0x5E74, 0x6708, 0x5929, 0x5468, 0x671F:  // 元 块 圆 年 月 天 周 期
      return true
    case 0x7EA7, 0x4EE3, 0x4EFD, 0x5355, 0x25:  // 级 代 份 单 %
      return true
    default:
      return false
    }
  }

  /// Second characters that make `个` a follower: `个点`, `个月`, `个百分点`.
  static func isFollowerAfterGe(_ value: UInt32) -> Bool {
    value == 0x70B9 || value == 0x6708 || value == 0x767E
  }

  /// Characters that may follow an abbreviated trailing `一` (`一万一`, `3万1`): a measure
  /// word or particle, so that `3万一起` / `万一` style words are not swallowed.
  static func mayFollowAbbreviation(_ value: UInt32) -> Bool {
    switch value {
    case 0x5143, 0x5757, 0x4EBA, 0x4E2A, 0x591A, 0x5DE6, 0x7684, 0x4E86:  // 元 块 人 个 多 左 的 了
      return true
    case 0x540D, 0x4F4D, 0x4EFD, 0x80A1, 0x7C73, 0x5E73, 0x5957, 0x53F0:  // 名 位 份 股 米 平 套 台
      return true
    case 0x5F20, 0x5929, 0x5E74, 0x6708, 0x65A4, 0x4EA9, 0x4F59:  // 张 天 年 月 斤 亩 余
      return true
    default:
      return false
    }
  }

  /// `几` and `数` before a numeral make it vague (`几十万`, `数百`): left unconverted.
  static func isVaguePrefix(_ value: UInt32) -> Bool {
    value == 0x51E0 || value == 0x6570 || value == 0x5E7E || value == 0x6578
  }
}
