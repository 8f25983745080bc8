import Foundation
import Testing

@testable import Fangfei

/// The seed document's table of reporting contacts, exactly as printed there.
let seedContacts: [(name: String, emails: [String], phones: [String])] = [
  ("武汉市", ["whcf2025@163.com"], ["13419608547", "027-60830037"]),
  ("黄冈市", ["hgsjrb@163.com"], ["0713-8618772"]),
  ("黄石市", ["cjb9229@163.com"], ["0714-63592073"]),
  ("咸宁市", ["xn8126369@163.com"], ["0715-8126957"]),
  ("襄阳市", ["xyscfb@163.com"], ["0710-3603631", "0710-3603633"]),
  ("随州市", ["szjrgz@163.com"], ["0722-3596913"]),
  ("荆州市", ["jzcfb8252767@163.com"], ["0716-8252767"]),
  ("恩施州", ["esjrb@126.com"], ["0718-8420701"]),
  ("宜昌市", ["yyscfb@126.com"], ["0717-12345"]),
  ("仙桃市", ["3672055253@qq.com"], ["0728-3204110", "0728-3238775"]),
  ("十堰市", [], ["0719-8651359"]),
  ("潜江市", ["qjsjrb@163.com"], ["0728-6491192"]),
  ("孝感市", ["xgscfb@163.com"], ["0712-2280093"]),
  ("天门市", ["tmjr2022@163.com"], ["0728-5243225"]),
  ("荆门市", ["jmjr2k@163.com"], ["0724-2376002"]),
  ("神农架林区", ["9497110@qq.com"], ["0719-3336588"]),
  ("鄂州市", ["ezzjrb@163.com"], []),
]

@Suite("Reporting contacts")
struct ContactDirectoryTests {
  @Test func everyCityOfTheSeedExactlyAsPrinted() throws {
    let directory = try ContactDirectory.bundled()
    #expect(directory.places.count == 17)
    for expected in seedContacts {
      let c = try directory.place(named: expected.name)
      #expect(c.name == expected.name)
      #expect(c.province == "湖北省")
      #expect(c.emails == expected.emails, "\(expected.name)")
      #expect(c.phones == expected.phones, "\(expected.name)")
    }
    #expect(directory.national.map(\.phones) == [["96110"]])
  }

  @Test func namesWithOrWithoutTheirSuffix() throws {
    let directory = try ContactDirectory.bundled()
    #expect(try directory.place(named: "武汉").name == "武汉市")
    #expect(try directory.place(named: "恩施").name == "恩施州")
    #expect(try directory.place(named: "神农架").name == "神农架林区")
  }

  @Test func unknownCityListsTheKnownOnes() throws {
    let directory = try ContactDirectory.bundled()
    do {
      _ = try directory.place(named: "北京")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("unknown city '北京'; known: 武汉市 黄冈市"))
      #expect(error.description.contains("神农架林区"))
    }
  }

  @Test func badTables() {
    #expect(throws: ContactDirectory.Problem.self) {
      try ContactDirectory(tables: [("x.tsv", "武汉市\ta@b\t1\n")])
    }
    #expect(throws: ContactDirectory.Problem.self) {
      try ContactDirectory(tables: [("x.tsv", "province\t湖北省\n武汉市\t-\t-\n")])
    }
    #expect(throws: ContactDirectory.Problem.self) {
      try ContactDirectory(tables: [("x.tsv", "province\t湖北省\n武汉市\ta@b\n")])
    }
  }
}

@Suite("The grid worker's answer")
struct GridReportTests {
  @Test func scamFlyerIsRedWithQuotesElementsStepsAndContact() throws {
    let classifier = try #require(bundled)
    let directory = try ContactDirectory.bundled()
    let text = "本平台响应国家政策，年化收益高达36%，保本保息，推荐一人奖励500元，名额有限！"
    let r = classifier.report(
      for: classifier.classify(text), city: try directory.place(named: "武汉"), national: directory.national)
    #expect(r.colour == .red)
    #expect(r.headline == "红色 高风险")
    #expect(r.evidence.contains { $0.quote == "保本保息" })
    for e in r.evidence { #expect(slice(text, e.start, e.end) == e.quote) }
    #expect(!r.elements.isEmpty)
    #expect(r.nextSteps.contains { $0.contains("保留证据") })
    #expect(r.contacts.first?.phones.contains("027-60830037") == true)
    #expect(r.contacts.first?.emails == ["whcf2025@163.com"])
    #expect(r.disclaimer.contains("不是违法认定"))
    let printed = TextReport().gridReport(r)
    #expect(printed.hasPrefix("【红色 高风险】"))
    #expect(printed.contains("027-60830037") && printed.contains("whcf2025@163.com") && printed.contains("96110"))
  }

  @Test func antiFraudPosterIsGreen() throws {
    let classifier = try #require(bundled)
    let text = "警惕\"保本保息\"\"稳赚不赔\"等话术！凡是承诺高额回报的都是骗局，发现线索请拨打96110。"
    let r = classifier.report(for: classifier.classify(text))
    #expect(r.colour == .green)
    #expect(r.headline == "绿色 未发现")
    #expect(r.evidence.isEmpty)
  }

  @Test func englishWords() throws {
    let classifier = try #require(bundled)
    let r = classifier.report(for: classifier.classify("保本保息，年化收益36%"), language: .en)
    #expect(r.headline.hasPrefix("RED") || r.headline.hasPrefix("YELLOW"))
    #expect(r.disclaimer == "This is an automatic screening aid, not a legal finding.")
  }
}

@Suite("HTML report")
struct HTMLReportTests {
  @Test func hostileTextIsShownNotRun() throws {
    let classifier = try #require(bundled)
    let text = "<script>alert('x')</script> 保本保息，年化收益36% <img src=x onerror=alert(1)> & \"quoted\""
    let page = HTMLReport.page(classifier.report(for: classifier.classify(text)), text: text)
    #expect(!page.contains("<script>"))
    #expect(!page.contains("<img"))
    #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    #expect(page.contains("&amp; &quot;quoted&quot;"))
    #expect(page.contains("<mark>保本保息</mark>"))
  }

  @Test func selfContained() throws {
    let classifier = try #require(bundled)
    let page = HTMLReport.page(classifier.report(for: classifier.classify("保本保息")), text: "保本保息")
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<link"))
    #expect(page.contains("@page { size: A4"))
  }

  @Test func highlightMergesOverlappingSpans() {
    let e = [
      GridReport.Evidence(quote: "ab", start: 0, end: 2, tactic: "t", explanation: "x"),
      GridReport.Evidence(quote: "bc", start: 1, end: 3, tactic: "t", explanation: "x"),
    ]
    #expect(HTMLReport.highlighted("abcd<", e) == "<mark>abc</mark>d&lt;")
  }
}
