"""The boilerplate rule pack: site notes, collection counters, page chrome and scrape residue."""

from __future__ import annotations

import pytest

from gwlint.api import lint_text
from gwlint.fix import apply_fixes


def found(text: str, format: str = "txt") -> list[tuple[str, int, str]]:
    """(rule, line, excerpt) of every boilerplate finding, in document order."""
    out = []
    for f in lint_text(text, format=format, select=["boilerplate"]):
        out.append((f.rule, text.count("\n", 0, f.start) + 1, f.excerpt))
    return out


def lines(text: str) -> list[int]:
    return sorted({line for _, line, _ in found(text)})


def test_a_template_page_in_another_sites_wording():
    page = (
        "街道办事处2023年工作总结(通用15篇)\n"
        "时光飞逝,一年的工作已经结束了,是时候写一份总结了。下面是本网为您整理的工作总结,欢迎阅读与收藏。\n"
        "【第1篇】街道办事处2023年工作总结\n"
        "今年以来,街道党工委认真落实区委部署,全年新增就业岗位320个。\n"
        "相关热词搜索:工作总结 街道办事处\n"
    )
    assert lines(page) == [1, 2, 3, 5]
    assert lines(page.replace("\n", "\r\n")) == [1, 2, 3, 5]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("以下是本站小编为大家精心搜集和整理的活动总结。", "boilerplate.editor-note"),
        ("本文是为大家整理的街道办事处工作总结,希望对您有所帮助!", "boilerplate.editor-note"),
        ("感兴趣的朋友可以参考一下,跟着一起来看看吧!", "boilerplate.editor-note"),
        ("总结是对过去一定时期的工作进行回顾、分析,并做出客观评价的书面材料。", "boilerplate.essay-line"),
        ("为了确保工作有条不紊地开展,常常需要提前准备一份方案。", "boilerplate.essay-line"),
        ("那么总结应该怎么写呢?", "boilerplate.essay-line"),
        ("政务公开半年工作总结(七篇)", "boilerplate.collection-heading"),
        ("社区工作总结范文3篇", "boilerplate.collection-heading"),
        ("篇1:2023年社区工作总结", "boilerplate.collection-heading"),
        # collection counters in any bracket, article numbers after 第 at the line end, model-text numbers
        ("村级换届选举工作汇报【两篇】", "boilerplate.collection-heading"),
        ("村级换届选举工作汇报[精选4篇]", "boilerplate.collection-heading"),
        ("村级换届选举工作汇报〔共9篇〕", "boilerplate.collection-heading"),
        ("村级换届选举工作汇报 第4篇", "boilerplate.collection-heading"),
        ("村级换届选举工作汇报【第十篇】", "boilerplate.collection-heading"),
        ("〔第三篇〕", "boilerplate.collection-heading"),
        ("篇3", "boilerplate.collection-heading"),
        ("推荐范文2:", "boilerplate.collection-heading"),
        ("【例文4】", "boilerplate.collection-heading"),
        # follow prompts of a site's WeChat account, whatever it is called
        ("手机扫一扫上方二维码,关注“文秘帮”订阅号。", "boilerplate.page-chrome"),
        ("关注公众号后回复【述职】二字,即可领取全套模板。", "boilerplate.page-chrome"),
        ("本文Word版请关注“材料库”公众号下载。", "boilerplate.page-chrome"),
        ("扫码免费下载本篇Word文档", "boilerplate.page-chrome"),
        # recommendation labels in other wording
        ("你可能也喜欢:", "boilerplate.page-chrome"),
        ("同类文章:", "boilerplate.page-chrome"),
        ("格式:DOC 上传日期:2023-12-01 09:12:33", "boilerplate.page-chrome"),
        ("当前位置:首页 > 政务公开 > 通知公告", "boilerplate.page-chrome"),
        ("发布时间:2023-05-12 来源:区政府办 浏览次数:1234", "boilerplate.page-chrome"),
        ("文档下载后可定制修改,本店铺所有文档一经售出概不退款。", "boilerplate.page-chrome"),
        ("【声明:本文系作者独立撰写,转载请注明出处】", "boilerplate.page-chrome"),
        ("第1页 共3页", "boilerplate.page-chrome"),
        ("按照全市的`统一部署", "boilerplate.stray-mark"),
        ("推进政务公开&nbsp;<br>", "boilerplate.markup"),
        ("推进政務(wù)公开", "boilerplate.pinyin-reading"),
        ("详见http:///专栏", "boilerplate.empty-link"),
        ("政务\u200b公开", "boilerplate.invisible-char"),
    ],
)
def test_each_kind_of_site_text(text, rule):
    assert [r for r, _, _ in found(text)] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        # the hard negatives of gov-published
        "本年度报告电子版可从上海市人民政府门户网站(www.shanghai.gov.cn)下载。",
        "对群众提出的申请,我厅参照示范文书规范答复。",
        "主办单位要加强与承办单位的沟通。",
        "支持吉字号、老字号企业发展,培育中华老字号品牌。",
        "全年门户网站浏览量达到120万次。",
        "配合版权局开展版权保护证书核发工作。",
        "资料来源:本公报中财政数据来自市财政局。",
        # speech and notice wording close to site notes
        "以上几点意见,供大家参考。",
        "活动现场为大家带来了精彩的文艺演出。",
        "研究如何进一步完善考核办法。",
        "各单位在撰写总结时要实事求是。",
        "第一篇 总则",
        "全年编发简报36篇,被采用12篇。",
        "加强规范文件管理,创建文明城市示范文明单位。",
        "《河北省实施<中华人民共和国政府信息公开条例>办法》",
        "“一带一路”建设取得新进展",
        "特此通知。",
        "无。",
        "妥否,请批示。",
        "活动时间:5月15日至5月20日",
        # a document's own words on QR codes, accounts and related material
        "各参赛队可扫描下方二维码填写报名信息,也可关注“县体育”微信公众号报名。",
        "“县发布”微信公众号全年推送文章2,300余篇,群众扫描二维码即可关注。",
        "对网民留言的回复率达到100%,获得群众好评。",
        "相关文件已按程序报送备案。",
        "全年出版《工作简报》24期,刊发经验材料第8篇被省委办公厅转发。",
        "第二篇",
    ],
)
def test_real_text_is_not_boilerplate(text):
    assert found(text) == []


def test_fragments_left_by_a_broken_extraction():
    text = "接到活动通知后,街道党委高度重视并制定。\n活动方案。\n以《。\n2016。\n5.15。\n一、总体要求。\n同意。\n"
    assert found(text) == [
        ("boilerplate.fragment", 2, "活动方案。"),
        ("boilerplate.fragment", 3, "以《。"),
        ("boilerplate.fragment", 4, "2016。"),
        ("boilerplate.fragment", 5, "5.15。"),
    ]


def test_a_suppression_comment_is_not_html_residue():
    text = "<!-- gwlint-disable-next-line placeholder -->\n今年以来,我局认真落实各项部署。\n"
    assert found(text) == []
    assert found("<!-- 来自网页的注释 -->今年以来") == [("boilerplate.markup", 1, "<!-- 来自网页的注释 -->")]


def test_markdown_keeps_its_code_spans_but_not_html_in_prose():
    text = "运行`gwlint`检查草稿<br>\n"
    assert found(text, format="md") == [("boilerplate.markup", 1, "<br>")]
    assert found(text, format="txt") == [
        ("boilerplate.stray-mark", 1, "`"),
        ("boilerplate.stray-mark", 1, "`"),
        ("boilerplate.markup", 1, "<br>"),
    ]


@pytest.mark.parametrize(
    "text, excerpt",
    [
        ("各镇街报送情况如下:<br/>\n", "<br/>"),
        ("一、工作目标<BR>全面推进政务公开\n", "<BR>"),
        ("<p>今年以来,我局认真落实</p>\n", "<p>"),
        ("今年以来&nbsp;我局认真落实\n", "&nbsp;"),
    ],
)
def test_html_in_markdown_prose_is_page_residue(text, excerpt):
    assert found(text, format="md")[0] == ("boilerplate.markup", 1, excerpt)


def test_markdown_keeps_a_line_break_in_a_table_cell_and_comments():
    text = (
        "| 单位 | 主要做法 |\n"
        "| --- | --- |\n"
        "| 区政务服务中心 | 一是优化流程<br>二是压缩时限 |\n"
        "<!-- 待补充第三季度数据 -->\n"
    )
    assert found(text, format="md") == []
    assert found(text, format="txt") == [
        ("boilerplate.markup", 3, "<br>"),
        ("boilerplate.markup", 4, "<!-- 待补充第三季度数据 -->"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "发布者:admin | 来源:网络整理 | 更新时间:2024-05-20",
        "作者：张明　｜　来源：互联网　｜　阅读量：3021",
        "来源:原创  字数:2416  发布时间:2023-11-02",
        "编辑:小林 | 栏目:工作总结",
        "本文共计2300字,预计阅读时间6分钟",
        "全文约1800字，阅读时长约4分钟",
        "本文转载自网络,版权归原作者所有,如有侵权请联系删除。",
        "文章来源于网络，仅作学习交流，侵权请联系删除",
        "[点击下载Word版全文](https://example.com/d/123.html)",
        "下载完整版请点击这里",
        "关注后即可获取完整文档",
        "PDF版下载",
        "点赞 | 收藏 | 分享到朋友圈",
        "觉得有用就点个赞吧",
        "👍 觉得不错请转发给同事",
        "⭐ 收藏本文，📤 转发",
    ],
)
def test_article_meta_repost_download_and_share_lines_are_page_chrome(line):
    text = f"今年以来,我局认真落实上级部署,扎实推进政务公开工作。\n{line}\n"
    for fmt in ("txt", "md"):
        assert found(text, format=fmt) == [("boilerplate.page-chrome", 2, line)]


@pytest.mark.parametrize(
    "line",
    [
        "“网信河北”推送的政策解读获网友点赞、转发2万余次。",
        "全年征文字数:每篇不超过3000字。",
        "群众可登录门户网站下载办事指南。",
        "作者:市委政研室",
        "阅读时间安排在每天下午。",
        "为一线防疫人员点赞。",
        "年报全文可在政府网站获取。",
    ],
)
def test_government_text_about_likes_downloads_and_authors_is_not_chrome(line):
    text = f"今年以来,我局认真落实上级部署,扎实推进政务公开工作。\n{line}\n"
    assert found(text) == []
    assert found(text, format="md") == []


def test_a_markdown_page_keeps_its_headings_and_breaks_beside_chrome():
    text = (
        "# 2023年工作总结\n"
        "\n"
        "发布者:admin | 来源:网络整理 | 更新时间:2024-05-20\n"
        "\n"
        "## 主要成效\n"
        "\n"
        "今年以来,我局认真落实上级部署,扎实推进政务公开工作。\n"
        "\n"
        "---\n"
        "\n"
        "[点击下载Word版全文](https://example.com/d/123.html)\n"
    )
    # as plain text the short heading and the rule between two chrome lines read as a menu
    assert lines(text) == [3, 5, 9, 11]
    assert [(r, n) for r, n, _ in found(text, format="md")] == [
        ("boilerplate.page-chrome", 3),
        ("boilerplate.page-chrome", 11),
    ]


def test_a_site_note_alone_on_its_line_is_deleted_with_its_line_safely():
    text = "工作总结\n下面是小编为大家整理的工作总结,供大家参考。\n今年以来,我局认真落实各项部署。\n"
    findings = lint_text(text, select=["boilerplate.editor-note"])
    assert [f.fix.safe for f in findings] == [True]
    assert apply_fixes(text, findings) == "工作总结\n今年以来,我局认真落实各项部署。\n"


def test_a_site_note_inside_real_text_is_cut_out_only_on_request():
    text = "今年以来,我局认真落实各项部署。下面是为大家整理的工作总结,供大家参考。\n"
    (finding,) = lint_text(text, select=["boilerplate.editor-note"])
    assert finding.excerpt == "下面是为大家整理的工作总结,供大家参考。"
    assert finding.fix is not None and not finding.fix.safe
    assert apply_fixes(text, [finding], unsafe=True) == "今年以来,我局认真落实各项部署。\n"


def test_residue_is_removed_from_inside_the_word():
    text = "按照全市的`统一部署,赢得了群众的'好评,推进政務(wù)公开。\n"
    findings = lint_text(text, select=["boilerplate"])
    assert all(f.fix is not None and f.fix.safe for f in findings)
    assert apply_fixes(text, findings) == "按照全市的统一部署,赢得了群众的好评,推进政務公开。\n"


def test_a_collection_page_with_other_article_headings_and_a_title_list_below():
    page = (
        "乡镇防汛工作总结精选3篇\n"
        "乡镇防汛工作总结 第一篇\n"
        "今年汛期,我镇共转移群众1,250人,未发生人员伤亡。\n"
        "乡镇防汛工作总结 第二篇\n"
        "入汛以来,我镇严格落实24小时值班制度。\n"
        "防汛应急预案范文 | 乡镇防汛工作计划 | 防汛工作情况汇报\n"
    )
    assert found(page) == [
        ("boilerplate.collection-heading", 1, "总结精选3篇"),
        ("boilerplate.collection-heading", 2, "第一篇"),
        ("boilerplate.collection-heading", 4, "第二篇"),
        ("boilerplate.page-chrome", 6, "防汛应急预案范文 | 乡镇防汛工作计划 | 防汛工作情况汇报"),
        ("boilerplate.collection-heading", 6, "范文"),
    ]
