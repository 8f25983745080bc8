import Testing

@testable import Fangfei

@Suite("Spans point into the original text")
struct SpanTests {
  /// Texts mixing Chinese, emoji, full-width characters and Latin; each must produce at least
  /// one hit, and every hit's quote must equal the original sliced at start..<end.
  static let texts: [(String, String)] = [
    ("本平台年化收益高达36%，保本保息，稳赚不赔", "年化收益高达36%"),
    ("🔥🔥🔥年化收益20%🔥保本保息", "年化收益20%"),
    ("Hello 朋友 👋🏻！年化回报18%，零风险", "年化回报18%"),
    ("👨‍👩‍👧‍👦 全家一起投资，月息3分", "月息3分"),
    ("ＶＩＰ专享：保本保息，详询客服", "保本保息"),
    ("A\r\nB\r\n保本保息\r\n", "保本保息"),
    ("日返1%，🇨🇳 响应国家政策，投资USDT静态收益", "日返1%"),
    ("e\u{301}e\u{301} combining marks, then 稳赚不赔", "稳赚不赔"),
    ("推荐一人奖励500元 😀 发展下线", "发展下线"),
    ("𠀀𠀁 (supplementary plane) 拉人头有奖", "拉人头"),
    ("tab\there 养老公寓床位预售，每年返利12%", "养老公寓床位预售"),
    ("投资共享充电宝，每台每月租金收益到账 ✅", "投资共享充电宝"),
    ("Ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ 名额有限，今晚截止，年化收益20%", "名额有限"),
  ]

  @Test(arguments: texts)
  func quotesEqualTheOriginalSlice(_ sample: (String, String)) throws {
    let classifier = try #require(bundled)
    let (text, expected) = sample
    let verdict = classifier.classify(text)
    let spanned = verdict.hits.filter { $0.start != nil }
    #expect(!spanned.isEmpty, "no hit on \(text)")
    for hit in spanned {
      let start = try #require(hit.start)
      let end = try #require(hit.end)
      #expect(hit.match == slice(text, start, end), "\(hit.rule) on \(text)")
    }
    #expect(spanned.contains { $0.match == expected }, "\(spanned.map { $0.match ?? "" })")
  }

  @Test func hitsAreInTextOrderThenMeta() throws {
    let classifier = try #require(bundled)
    let v = classifier.classify("保本保息，年化收益36%")
    let starts = v.hits.compactMap(\.start)
    #expect(starts == starts.sorted())
    #expect(v.hits.last?.start == nil)  // returns-with-guarantee, a meta rule
  }
}
