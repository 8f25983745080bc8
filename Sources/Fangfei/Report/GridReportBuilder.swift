import FangfeiRules

extension Classifier {
  /// The grid worker's answer for a verdict of this classifier.
  /// - Parameters:
  ///   - verdict: A verdict from ``classify(_:id:language:)``.
  ///   - city: The place whose reporting contact to show (see ``ContactDirectory``), if any.
  ///   - national: National lines to show after it (the bundled 96110).
  ///   - language: Chinese (default) or English.
  public func report(
    for verdict: Verdict, city: Contact? = nil, national: [Contact] = [], language: Language = .zh
  ) -> GridReport {
    let zh = language == .zh
    let pack = self.pack.checked
    let colour: GridReport.Colour =
      switch verdict.level {
      case .scam: .red
      case .suspicious: .yellow
      case .clean: .green
      }
    let headline =
      switch colour {
      case .red: zh ? "红色 高风险" : "RED — high risk"
      case .yellow: zh ? "黄色 可疑" : "YELLOW — suspicious"
      case .green: zh ? "绿色 未发现" : "GREEN — nothing found"
      }
    // Evidence is what a person should read: rules that weigh at least one point. Counting
    // tokens with tiny scores support combination rules but explain nothing on their own.
    let positiveRules = Set(pack.rules.filter { $0.score >= 1 }.map(\.name))
    var evidence: [GridReport.Evidence] = []
    for hit in verdict.hits where positiveRules.contains(hit.rule) {
      guard let quote = hit.match, let start = hit.start, let end = hit.end else { continue }
      let category = pack.categories.first { $0.name == hit.category }
      let tactic =
        (zh ? category?.titles["zh"] : category?.titles["en"]) ?? category?.titles["zh"] ?? hit.category ?? hit.rule
      evidence.append(
        GridReport.Evidence(quote: quote, start: start, end: end, tactic: tactic, explanation: hit.description))
    }
    let tactics = distinctInOrder(evidence.map(\.tactic))
    let summary: String
    switch colour {
    case .red:
      summary =
        zh
        ? "这段文字使用了多种非法集资常见话术（\(tactics.joined(separator: "；"))），风险很高。"
        : "This text uses several typical illegal-fundraising tactics (\(tactics.joined(separator: ", "))); the risk is high."
    case .yellow:
      summary =
        zh
        ? "这段文字出现了非法集资常见话术（\(tactics.joined(separator: "；"))），需要核实。"
        : "This text shows typical illegal-fundraising tactics (\(tactics.joined(separator: ", "))) and needs checking."
    case .green:
      summary =
        zh
        ? "未发现典型的非法集资话术。"
        : "No typical illegal-fundraising tactic was found."
    }
    let elements = verdict.elements.map { e in
      GridReport.Element(
        element: e.element, name: zh ? e.element.chineseName : e.element.rawValue.capitalized,
        explanation: Self.plainWords(e.element, zh: zh))
    }
    let steps: [String]
    switch colour {
    case .red:
      steps =
        zh
        ? [
          "保留证据：拍下传单或截图，记下时间、地点和发布人。",
          "劝阻：提醒身边的人不要投钱、不要转账，也不要介绍他人参加。",
          "上报：把证据发给当地处非部门（见下方联系方式），或拨打 96110。",
          "不要与发布人争执，不要自行处置。",
        ]
        : [
          "Keep evidence: photograph the flyer or take screenshots; note the time, place and who posted it.",
          "Dissuade: tell people around you not to pay or transfer money, nor to bring others in.",
          "Report: send the evidence to the local office below, or call 96110.",
          "Do not argue with the poster or act on your own.",
        ]
    case .yellow:
      steps =
        zh
        ? [
          "核实：查询发布机构是否有金融牌照（国家金融监督管理总局、中国证监会官网可查）。",
          "保留证据：拍照或截图，记下时间和地点。",
          "如已有人投钱或被拉入群，请上报当地处非部门（见下方联系方式）。",
        ]
        : [
          "Verify: check whether the company holds a financial licence (the regulators' websites list them).",
          "Keep evidence: photos or screenshots, with time and place.",
          "If anyone has already paid or joined a group, report it to the local office below.",
        ]
    case .green:
      steps =
        zh
        ? ["未发现典型话术；如仍有疑问，可咨询当地处非部门或拨打 96110。"]
        : ["Nothing typical found; if in doubt, ask the local office or call 96110."]
    }
    return GridReport(
      id: verdict.id, language: language, colour: colour, headline: headline, summary: summary, score: verdict.score,
      evidence: evidence, elements: elements, nextSteps: steps, contacts: (city.map { [$0] } ?? []) + national,
      disclaimer: zh
        ? "本结果由规则自动筛查得出，仅供参考，不是违法认定。"
        : "This is an automatic screening aid, not a legal finding.")
  }

  private static func plainWords(_ e: LegalElement, zh: Bool) -> String {
    switch e {
    case .illegality:
      zh ? "非法性：借政策、政府或虚假资质背书，未经有关部门依法许可。" : "Illegality: claims official backing or a licence it does not have."
    case .publicity:
      zh ? "公开性：通过传单、群聊、广告、讲座等公开宣传。" : "Publicity: solicits in public — flyers, groups, ads, seminars."
    case .inducement:
      zh ? "利诱性：承诺高额回报、保本付息或返利。" : "Inducement: promises high returns, guaranteed principal or rebates."
    case .sociality:
      zh ? "社会性：面向不特定的人，鼓励拉人加入。" : "Sociality: aimed at anyone, pays for recruiting others."
    }
  }
}

/// The distinct strings of a list, first occurrence first.
private func distinctInOrder(_ list: [String]) -> [String] {
  var seen = Set<String>()
  return list.filter { seen.insert($0).inserted }
}
