"""missing-part: a summary without a problems or a plans part, an activity plan without its parts."""

from __future__ import annotations

import pytest

from gwlint.api import Linter
from gwlint.config import parse_config
from gwlint.document import Document
from gwlint.engine import Engine, select_rules, with_document_types
from gwlint.errors import ConfigError
from gwlint.readers import read_path
from gwlint.rulepack import builtin_rules_dir, load_rules
from gwlint.yamlio import load_yaml
from tests.conftest import require_shared

RULES = select_rules(load_rules([builtin_rules_dir()]), ["missing-part"])


def missing(text: str, document_types: object = None) -> set[tuple[int, str]]:
    """(line, part) of every missing-part finding."""
    doc = Document.from_text(text, "draft.txt")
    findings = Engine(RULES, document_types=document_types).lint(doc)
    return {(doc.position(f.start)[0], f.data["part"]) for f in findings}


def test_a_summary_with_neither_part_misses_both_on_its_title_line():
    text = (
        "政务公开日宣传活动总结\n"
        "5月15日,我局在市民广场设立咨询台,发放宣传资料600余份,解答群众咨询80余人次。\n"
        "活动取得了良好效果,为今后工作打下了坚实基础。"
    )
    assert missing(text) == {(1, "问题"), (1, "打算")}


def test_the_finding_names_the_type_and_spans_the_title():
    doc = Document.from_text("2023年政务公开工作总结\n全年主动公开政府信息860条。", "draft.txt")
    findings = Engine(RULES).lint(doc)
    assert [(f.rule, f.start, f.end) for f in findings] == [
        ("missing-part.plans", 0, 13),
        ("missing-part.problems", 0, 13),
    ]
    assert findings[1].message == "总结缺少“存在的问题和不足”部分"
    assert findings[1].data == {"part": "问题", "doc_type": "总结"}


def test_parts_found_as_headings():
    text = (
        "关于2023年安全生产工作情况的汇报\n"
        "一、主要做法\n"
        "全年开展安全检查46次,整改隐患120处。\n"
        "二、存在的困难\n"
        "基层监管力量薄弱。\n"
        "三、2024年工作思路\n"
        "压实企业主体责任。"
    )
    assert missing(text) == set()


@pytest.mark.parametrize(
    "problems",
    [
        "但也存在一些不足,主要是宣传形式较为单一。",
        "与群众的期盼相比,还有一定差距。",
        "工作中也暴露出一些短板。",
        "一是宣传力度不够大;二是群众参与度不高。",
        "我们也清醒地认识到,基层力量依然薄弱。",
        "政策解读的针对性有待进一步增强。",
        # turning to the shortcomings, and problems said to persist
        "但也要清醒地看到,我局政务公开工作与上级要求相比仍有差距。",
        "同时也应当看到,基层公开专栏更新还较慢。",
        "然而我们也认识到,部分科室对公开工作重视不够。",
        "依申请公开答复不规范的现象依然存在。",
        "政策解读仍是我局工作的突出短板。",
        "少数单位“重发布、轻解读”的倾向仍未根除。",
        "这些问题不容忽视。",
        "信息发布审核把关落实不到位。",
        "目前公开工作面临的主要困难是专业人员不足。",
    ],
)
def test_a_problems_passage_without_a_heading_counts(problems):
    text = f"2023年信息公开工作总结\n全年主动公开政府信息860条。{problems}\n下一步,我局将加强政策解读。"
    assert missing(text) == set()


@pytest.mark.parametrize(
    "plans",
    [
        "今后,我们将进一步创新宣传方式。",
        "下一步,市运管处将继续严格落实政务信息公开各项工作任务。",
        "在新的一年里,我将加强学习。",
        "2024年,我们将以优化营商环境为重点,推动各项工作再上新台阶。",
        # other ways of saying what comes next
        "今后一个时期,我局将把政策解读作为重点。",
        "下一步,全局上下要持续巩固公开成果。",
        "下阶段,重点抓好基层政务公开标准化建设。",
        "下一年度工作中,着力提升解读质量。",
        "我们要继续完善依申请公开办理机制。",
        "我们将一如既往地做好信息发布工作。",
        "展望2024年,我局信心十足。",
    ],
)
def test_a_plans_passage_without_a_heading_counts(plans):
    text = f"2023年信息公开工作总结\n全年主动公开政府信息860条,但政策解读还不够深入。\n{plans}"
    assert missing(text) == set()


def test_problems_persisting_in_reported_speech_or_prevented_are_not_the_parts():
    text = (
        "2023年安全生产工作总结\n"
        "一、深入开展隐患排查治理\n"
        "全年组织检查56次,督促企业防止责任落实不到位,帮助企业解决面临的困难12项。"
    )
    assert missing(text) == {(1, "问题"), (1, "打算")}


def test_a_link_to_another_page_is_no_part_of_the_draft():
    text = (
        "2023年安全生产工作总结\n"
        "全年组织检查56次,但企业主体责任落实还不够到位。\n"
        "上一篇:2024年安全生产工作计划\n"
        "下一篇:安全生产下一步工作打算范文"
    )
    assert missing(text) == {(1, "打算")}


SUMMARY = "2024年应急管理工作总结\n全年开展应急演练18次,但基层应急队伍力量仍然薄弱。\n"


@pytest.mark.parametrize(
    "chrome",
    [
        "相关推荐:明年应急管理工作打算范文",
        "热门文章\n2025年应急管理工作计划\n应急管理下一步工作打算",
        "猜你喜欢:\n明年防汛工作安排\n2025年安全生产工作要点",
        "2025年工作计划 | 防汛工作要点",
        "2025年应急管理工作计划  消防工作总结  防汛工作计划",
        "【模板下载】应急管理今后工作打算",
        "应急管理工作计划范文(精选5篇)",
    ],
)
def test_site_chrome_supplies_no_part(chrome):
    assert missing(SUMMARY + chrome) == {(1, "打算")}


def test_a_sentence_after_a_link_list_is_the_draft_again():
    text = SUMMARY + "相关阅读\n2025年应急管理工作计划\n下一步,我局将加强基层应急队伍建设。"
    assert missing(text) == set()
    assert missing(SUMMARY + "下一步,我局将加强基层应急队伍建设。") == set()

    text = (
        "社区2023年工作总结\n"
        "(一)着力缩小城乡差距\n"
        "今年,社区开展环境整治行动12次,解决居民反映的问题56个,帮助困难群众38户。\n"
        "针对存在的问题,我们及时召开居民议事会,切实帮助居民解决实际困难和问题。\n"
        "对当前和今后一个时期的工作作出部署,我市采取以下措施推进落实,为今后工作奠定了基础。"
    )
    assert missing(text) == {(1, "问题"), (1, "打算")}


def test_intentions_after_the_problems_part_are_the_plans():
    text = (
        "政务公开半年工作总结\n"
        "一是进一步优化政务公开信息目录,完成目录调整。\n"
        "一是重点领域信息质量仍需提升。\n"
        "二是政策解读的实效性还不强。\n"
        "一是结合新修订的条例,继续修订完善相关制度。\n"
        "二是扎实做好第三方测评反馈问题的整改,力争打造出亮点。"
    )
    assert missing(text) == set()
    # The same intentions before any problems are only work done.
    assert missing("政务公开半年工作总结\n一是结合新修订的条例,继续修订完善相关制度。") == {(1, "问题"), (1, "打算")}


@pytest.mark.parametrize(
    "title",
    [
        "关于印发2023年政务公开工作总结的通知",  # the type word that comes last decides
        "在全县2023年工作总结表彰大会上的讲话",
        "关于印发《2023年度工作总结》的通知",
        "江西省2022年国民经济和社会发展统计公报",
        "关于XX镇农贸市场建设的调研报告",
        "国务院办公厅关于四川省所提问题和建议办理情况的函",
    ],
)
def test_documents_that_are_not_summaries_are_not_checked(title):
    assert missing(f"{title}\n全年主动公开政府信息860条。") == set()


def test_a_summary_is_known_by_its_title_or_its_opening():
    assert missing("关于报送2018年度履行教育职责情况自评报告的函\n全年完成投资12亿元。") == {(1, "问题"), (1, "打算")}
    assert missing("现将我局2023年信息公开工作总结如下:\n全年主动公开政府信息860条。") == {(1, "问题"), (1, "打算")}


def test_a_collection_counter_above_a_notice_does_not_make_it_a_summary():
    text = "政务公开工作总结篇三\n国务院办公厅关于推进政务新媒体健康有序发展的意见\n各地区要加强组织领导。"
    assert missing(text) == set()


def test_each_draft_of_a_page_is_checked_on_its_own():
    text = (
        "政务公开日宣传活动总结(优秀3篇)\n"
        "政务公开日宣传活动总结篇一\n"
        "5月15日,我局在市民广场设立咨询台。但也存在宣传形式单一等不足。今后,我们将丰富宣传载体。\n"
        "政务公开日宣传活动总结篇二\n"
        "活动当天,我委组织业务科室现场解答群众咨询。下一步,我委将加强宣传。\n"
        "政务公开日宣传活动总结篇三\n"
        "活动当天,我局发放宣传资料600余份。"
    )
    assert missing(text) == {(4, "问题"), (6, "问题"), (6, "打算")}


@pytest.mark.parametrize(
    "first, second",
    [
        ("农村改厕工作总结 第1篇", "农村改厕工作总结 第2篇"),
        ("【第一篇】", "【第二篇】"),
        ("范文一:镇农村改厕工作总结", "范文二:村农村改厕工作情况汇报"),
        ("篇1:", "篇2:"),
        ("农村改厕工作汇报(一)", "农村改厕工作汇报(二)"),
    ],
)
def test_each_draft_is_checked_on_its_own_whatever_its_article_heading(first, second):
    text = (
        "农村改厕工作总结(精选2篇)\n"
        f"{first}\n"
        "今年,全镇完成农村户厕改造860户。但也要看到,部分农户使用管护意识不强。\n"
        "下一步,我镇将健全长效管护机制。\n"
        f"{second}\n"
        "今年,我村完成户厕改造126户,改厕工作取得了一定成绩。\n"
    )
    assert missing(text) == {(5, "问题"), (5, "打算")}


def test_an_activity_plan_needs_purpose_schedule_and_requirements():
    text = "“政务公开进社区”宣传活动方案\n一、活动内容\n设置政策咨询台,发放宣传资料。"
    assert missing(text) == {(1, "目的"), (1, "时间"), (1, "要求")}
    complete = (
        "“政务公开进社区”宣传活动方案\n"
        "为推进政务公开,更好保障群众知情权,制定本方案。\n"
        "一、活动时间\n"
        "5月15日上午9时。\n"
        "二、工作要求\n"
        "各单位要高度重视,精心组织。"
    )
    assert missing(complete) == set()


PLAN_PARTS = {
    "目的": "一、活动目的\n增进居民对垃圾分类的了解,提高分类投放准确率。",
    "时间": "二、活动安排\n社区志愿者入户发放宣传册。",
    "要求": "三、工作要求\n各网格员要高度重视,精心组织。",
}


def _plan(**parts: str) -> str:
    """A plan for a neighbourhood sorting campaign, with its parts stated as given."""
    body = {**PLAN_PARTS, **parts}
    return "“垃圾分类进小区”宣传活动方案\n" + "\n".join(body.values())


@pytest.mark.parametrize(
    "schedule",
    [
        "(一)入户宣传。社区志愿者入户发放宣传册。完成时限:6月30日前。",
        "活动时间:即日起至年底。",
        "各网格于本月底前完成入户摸底,下旬开展集中宣传。",
        "第三季度组织一次分类投放评比。",
        "活动分三个阶段进行:动员部署、集中宣传、总结提升。",
        "宣传活动为期一个月,由社区办公室统一调度。",
        "二、实施步骤\n社区志愿者入户发放宣传册。",
        "每周六上午在小区广场设置咨询点。",
    ],
)
def test_a_plan_states_its_timing_in_any_common_form(schedule):
    assert missing(_plan(时间=schedule)) == set()


@pytest.mark.parametrize(
    "purpose",
    [
        "为了进一步提升居民垃圾分类意识,特制定本方案。",
        "一、指导思想\n坚持以人民为中心,推动生活垃圾减量化。",
        "本次活动的意义在于引导居民养成分类习惯。",
        "工作目标:年底前小区分类投放准确率达到90%以上。",
        "根据市城管局《关于深化生活垃圾分类工作的通知》要求,结合社区实际,制定本方案。",
        "本次活动以“分类新时尚,共建好家园”为主题。",
    ],
)
def test_a_plan_states_its_purpose_in_any_common_form(purpose):
    assert missing(_plan(目的=purpose)) == set()


@pytest.mark.parametrize(
    "requirements",
    [
        "三、保障措施\n社区办公室统筹宣传物资。",
        "四、注意事项\n入户宣传时佩戴工作证。",
        "四、活动纪律\n志愿者不得向居民收取任何费用。",
        "责任分工:社区居委会牵头,物业公司配合。",
        "五、组织领导\n成立由社区书记任组长的活动领导小组。",
        "请各网格务必于每周五前报送进展情况。",
    ],
)
def test_a_plan_states_its_requirements_in_any_common_form(requirements):
    assert missing(_plan(要求=requirements)) == set()


def test_a_plan_part_is_reported_only_when_nothing_says_it():
    plain = "设置咨询台,发放宣传册。"
    assert missing(_plan(目的=plain)) == {(1, "目的")}
    assert missing(_plan(时间=plain)) == {(1, "时间")}
    assert missing(_plan(要求=plain)) == {(1, "要求")}
    # "第一时间" is no time of the campaign
    assert missing(_plan(时间="发现混投问题第一时间劝导。")) == {(1, "时间")}


# -- the project's document types (gwlint.yaml `document_types:`) ------------------------------


def test_a_project_can_change_how_a_type_is_titled():
    text = "上半年工作小结\n全年主动公开政府信息860条。"
    assert missing(text) == set()
    assert missing(text, {"总结": {"title": ["总结", "小结"]}}) == {(1, "问题"), (1, "打算")}


def test_a_project_can_switch_a_type_off_or_add_one():
    plan = "“政务公开进社区”宣传活动方案\n一、活动内容\n设置政策咨询台。"
    assert missing(plan, {"活动方案": False}) == set()
    report = "2023年述廉报告\n全年无违纪违规问题。"
    extra = {"述廉报告": {"title": ["述廉报告"], "parts": [{"name": "问题", "passages": ["不足"]}]}}
    assert missing(report, extra) == {(1, "问题")}


def test_rules_of_other_kinds_are_left_as_they_are():
    rule = next(r for r in load_rules([builtin_rules_dir()]) if r.kind == "pattern")
    assert with_document_types(rule, {"总结": {"title": ["小结"]}}) is rule


@pytest.mark.parametrize(
    "document_types, reason",
    [
        ({"总结": {"titel": ["总结"]}}, "未知的键 titel"),
        ({"总结": {"title": ["总结("]}}, "正则表达式有误"),
        ({"述廉报告": {"parts": [{"name": "问题", "passages": ["不足"]}]}}, "至少要有 title 或 opening"),
        (["总结"], "应为 {文种名: 设置} 映射"),
    ],
)
def test_invalid_document_types_are_a_config_error(document_types, reason):
    with pytest.raises(ConfigError) as err:
        Engine(RULES, document_types=document_types)
    assert reason in err.value.message and err.value.key == "document_types"


def test_a_config_error_in_document_types_names_the_file_and_line(tmp_path):
    file = tmp_path / "gwlint.yaml"
    file.write_text("select: [missing-part]\ndocument_types:\n  总结:\n    titel: [总结]\n", encoding="utf-8")
    config = parse_config(load_yaml(file), file)
    with pytest.raises(ConfigError) as err:
        Linter().engine_for(config)
    assert (err.value.file, err.value.line, err.value.key) == (str(file), 2, "document_types")


# -- published texts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("15-hebei-gxt-fazhi-2019.txt", {(1, "问题")}),  # a plans section but no problems anywhere
        ("16-hebei-gxt-fazhi-2023.txt", {(1, "问题")}),
        ("05-xizang-zfgzbg-2025.txt", set()),  # problems inside the review, with no heading
        ("22-zhangjiakou-gaibao-huibao-2014.txt", set()),  # "三、工作的思路和措施"
        ("17-hebei-jyt-gaibao-ducha-tongbao-2015.txt", set()),  # a 通报, not a summary
    ],
)
def test_published_reports(name, expected):
    doc = read_path(require_shared("eval", "gov-published", name))
    findings = Engine(RULES).lint(doc)
    assert {(doc.position(f.start)[0], f.data["part"]) for f in findings} == expected
