/// Chat-app emoticon codes, which step 5 removes as decoration: QQ's `[em]e166[/em]` and the
/// names of WeChat's, QQ's, Weibo's and Xiaohongshu's built-in emoticons in ASCII brackets
/// (`[微笑]`, `[玫瑰]`, `[表情]`, `[doge]`, `[赞R]`). Apps write an emoticon this way when the
/// text is copied or exported, and the code then sits inside a phrase (`稳赚[微笑]不赔`).
///
/// Only names on the list count: bracketed placeholders that stand for content (`[链接]`,
/// `[图片]`, `[红包]`, `[转账]`, `[URL]`, `[姓名]`) are not emoticons and stay.
package enum ChatEmoticon {
  /// The emoticon names. Xiaohongshu's names are these followed by `R` (`[赞R]`).
  package static let names: [String] = [
    // WeChat and QQ, classic set.
    "微笑", "撇嘴", "色", "发呆", "得意", "流泪", "害羞", "闭嘴", "睡", "大哭", "尴尬", "发怒", "调皮", "呲牙",
    "惊讶", "难过", "酷", "冷汗", "抓狂", "吐", "偷笑", "愉快", "可爱", "白眼", "傲慢", "饥饿", "困", "惊恐",
    "流汗", "憨笑", "悠闲", "大兵", "奋斗", "咒骂", "疑问", "嘘", "晕", "疯了", "折磨", "衰", "骷髅", "敲打",
    "再见", "擦汗", "抠鼻", "鼓掌", "糗大了", "坏笑", "左哼哼", "右哼哼", "哈欠", "鄙视", "委屈", "快哭了",
    "阴险", "亲亲", "吓", "可怜", "菜刀", "西瓜", "啤酒", "篮球", "乒乓", "咖啡", "饭", "猪头", "玫瑰", "凋谢",
    "嘴唇", "示爱", "爱心", "心碎", "蛋糕", "闪电", "炸弹", "刀", "足球", "瓢虫", "便便", "月亮", "太阳",
    "礼物", "拥抱", "强", "弱", "握手", "胜利", "抱拳", "勾引", "拳头", "差劲", "爱你", "NO", "OK", "爱情",
    "飞吻", "跳跳", "发抖", "怄火", "转圈", "磕头", "回头", "跳绳", "投降", "激动", "街舞", "乱舞", "献吻",
    "左太极", "右太极",
    // WeChat, later additions.
    "嘿哈", "捂脸", "奸笑", "机智", "皱眉", "耶", "吃瓜", "加油", "汗", "天啊", "Emm", "社会社会", "旺柴",
    "好的", "打脸", "哇", "翻白眼", "666", "让我看看", "叹气", "苦涩", "裂开", "鸡", "庆祝", "烟花", "爆竹",
    "發", "福", "合十", "强壮", "鬼魂", "破涕为笑", "脸红", "笑脸", "生病", "恐惧", "失望", "无语", "囧",
    "表情", "动画表情",
    // QQ, Weibo and Xiaohongshu.
    "斜眼笑", "喷血", "托腮", "泪奔", "卖萌", "doge", "二哈", "哈哈", "允悲", "笑cry", "赞", "心", "挤眼",
    "馋嘴", "开心", "狂笑", "哭惹", "笑哭", "萌萌哒", "派对", "石化", "生气", "色色", "汗颜", "暗中观察",
  ]

  /// The UTF-8 of every name, by FNV-1a hash (no two names collide; a test checks).
  static let byHash: [UInt64: [UInt8]] = Dictionary(
    names.map { (hash(Array($0.utf8)[...]), Array($0.utf8)) }, uniquingKeysWith: { first, _ in first })

  /// The longest name in UTF-8 bytes, with Xiaohongshu's `R`.
  static let maximumNameBytes = (names.map(\.utf8.count).max() ?? 0) + 1

  /// Longest run of digits in `[em]e…[/em]`.
  static let maximumCodeDigits = 10

  /// FNV-1a of `bytes`.
  @inline(__always)
  static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return hash
  }

  /// The length in bytes of the emoticon code at `index` of `source` (valid UTF-8 of `count`
  /// bytes, `source[index]` being `[`), or 0 when no code starts there. Reads at most a few
  /// dozen bytes and allocates nothing.
  static func codeLength(_ source: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int {
    let available = count - index
    // [em]e<digits>[/em]
    if available >= 11 && source[index + 1] == 0x65 && source[index + 2] == 0x6D
      && source[index + 3] == 0x5D && source[index + 4] == 0x65
    {
      var end = index + 5
      while end < count && end - (index + 5) <= maximumCodeDigits && source[end] &- 0x30 < 10 { end += 1 }
      let digits = end - (index + 5)
      guard digits > 0, digits <= maximumCodeDigits, count - end >= 5 else { return 0 }
      // [/em]
      guard source[end] == 0x5B, source[end + 1] == 0x2F, source[end + 2] == 0x65,
        source[end + 3] == 0x6D, source[end + 4] == 0x5D
      else { return 0 }
      return end + 5 - index
    }
    // [name] or [nameR]
    var end = index + 1
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var hashBeforeLast: UInt64 = hash
    while end < count && end - index <= maximumNameBytes {
      let byte = source[end]
      if byte == 0x5D { break }
      if byte == 0x5B { return 0 }
      hashBeforeLast = hash
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
      end += 1
    }
    guard end < count, source[end] == 0x5D, end > index + 1 else { return 0 }
    let name = UnsafeBufferPointer(start: source + index + 1, count: end - index - 1)
    if let known = byHash[hash], known.elementsEqual(name) { return end + 1 - index }
    if name.count > 1, name[name.count - 1] == 0x52, let known = byHash[hashBeforeLast],
      known.elementsEqual(name.prefix(name.count - 1))
    {
      return end + 1 - index
    }
    return 0
  }
}
