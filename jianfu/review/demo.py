"""Demo: two draft documents written for the demo (not real documents), reviewed, one with a revision."""

from __future__ import annotations

HOUSING_V1 = """合浦县住房和城乡建设局关于开展农村危房改造“回头看”专项行动的通知
各乡镇人民政府，县直有关单位：
为巩固农村危房改造成果，经研究，决定在全县开展农村危房改造“回头看”专项行动。现将有关事项通知如下。
一、工作目标
（一）总体目标。2025年底前完成全县农村危房改造对象动态监测全覆盖。
二、工作措施
（一）全面排查。各乡镇党委、政府须于6月30日前完成辖区内全部农户住房安全排查。
（二）强化留痕。各村须建立排查工作台账，每户排查均需附现场照片作为佐证材料。
（三）加强调度。实行日报告制度，各乡镇每日17时前报送当日排查进度。
（四）严格考核。考核结果每月排名通报，对排名后三位的乡镇主要负责同志进行约谈；发生因房屋倒塌致人死亡事故的，年度考核实行一票否决。
三、工作要求
（一）加强组织领导。各乡镇要成立由主要领导任组长的工作领导小组，名单报县住建局备案。
（二）及时报送情况。请各乡镇于12月10日前将贯彻落实情况报送县住建局村镇股。
"""

HOUSING_V2 = """合浦县住房和城乡建设局关于开展农村危房改造“回头看”专项行动的通知
各乡镇人民政府，县直有关单位：
为巩固农村危房改造成果，经研究，决定在全县开展农村危房改造“回头看”专项行动。现将有关事项通知如下。
一、工作目标
（一）总体目标。2025年底前完成全县农村危房改造对象动态监测全覆盖。
二、工作措施
（一）全面排查。请各有关单位协同推进农户住房安全排查，排查数据通过全国农村低收入群体住房安全信息系统共享，不再另行报送。
（二）减少留痕。不得要求基层提供照片等佐证材料，以实地抽查为主。
（三）加强调度。汛期房屋安全信息每日报告，其他时间按月汇总。
（四）严格考核。考核结果每月排名通报。
三、工作要求
县住建局负责业务指导，乡镇予以配合。
"""

TOWN_PLAN = """曲樟乡2025年人居环境整治工作方案
一、工作目标
通过集中整治，全乡村庄环境明显改善。
二、主要措施
（一）开展“美丽庭院示范户”创建活动，评定结果授牌公示。
（二）在乡政府门前配套建设主题雕塑和景观亮化工程。
（三）鼓励群众自愿参与“清洁家园”活动。
三、保障措施
严禁向农户摊派任何费用。
"""


def load(*, stdout) -> None:
    from jianfu.accounts.models import User
    from jianfu.review.models import Document
    from jianfu.review.services import review_submit

    if Document.objects.exists():
        stdout.write("  已有送审文件，跳过")
        return
    housing = User.objects.filter(username="dept_housing").first()
    town = User.objects.filter(username="town_quzhang").first()
    count = 0
    if housing is not None:
        first = review_submit(actor=housing, text=HOUSING_V1)
        review_submit(actor=housing, text=HOUSING_V2, document=first.version.document)
        count += 2
    if town is not None:
        review_submit(actor=town, text=TOWN_PLAN, title="曲樟乡2025年人居环境整治工作方案")
        count += 1
    stdout.write(f"  演示审查 {count} 次")
