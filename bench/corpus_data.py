"""The text tables of the benchmark corpus (bench/corpus.py): agency slugs and placeholders, the fix-ups that
make the samples' paragraphs fit any city, paragraphs written here for rare topics, the release themes,
headings and outlets, and the vocabulary of the benchmark queries.

Changing any of these changes the corpus; release i must stay a pure function of (seed, i).
"""

PLC, COURT, PROC, POLICE, JUSTICE = "political_legal_committee", "court", "procuratorate", "police", "justice_bureau"  # fmt: skip
AGENCIES = (PLC, COURT, PROC, POLICE, JUSTICE)

# Placeholders for what varies per release; private-use characters cannot occur in the samples.
CITY, SHORT, PROVINCE, COURT_NAME, PROC_NAME = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"


# --- Making the samples' paragraphs fit any city -----------------------------------------------------------

# Local landmarks and industries would contradict a substituted city; make them generic. Applied to the
# normalised, simplified text (ASCII commas).
FIXUPS = (
    ("洛邑古城、应天门、老城十字街等区域", "历史街区、重点景区、老城商圈等区域"),
    ("洛阳高新区、伊滨区等产业集聚区", "高新区、经开区等产业集聚区"),
    ("太湖、阳澄湖水环境保护", "重点湖泊水环境保护"),
    ("金鸡湖、平江路等热门区域", "中心商圈、历史街区等热门区域"),
    ("服务保障科技城建设", "服务保障高质量发展"),
    ("护航科技城建设", "护航高质量发展"),
    ("作为中国科技城", "作为科技创新重镇"),
    ("科技城", "高新区"),
    ("驻绵高校", "驻地高校"),
    ("涪江、安昌河流域", "重点流域"),
    ("蔬菜种植户、风筝和木版年画从业者", "种植户、手工艺从业者"),
    ("在山东省首批", f"在{PROVINCE}首批"),
    ("递铺街道、天荒坪镇", "部分街道、乡镇"),
    ("竹木加工、白茶产销", "农产品加工、商贸物流"),
    ("清明节、白茶开采季", "清明节、旅游旺季"),
    ("竹产业、白茶产业和乡村旅游", "特色产业和乡村旅游"),
    ("竹木加工、白茶生产等企业", "农产品加工、制造业等企业"),
    ("民宿业主、竹木加工企业", "个体工商户、中小企业"),
    ("旅游民宿、", "旅游住宿、"),
    ("竹编、茶叶加工等技能培训", "电商、家政等技能培训"),
    ("其中在余村设立的", "其中在行政村设立的"),
    ("在余村、藏龙百瀑、云上草原等景区周边", "在主要景区周边"),
    ("西苕溪流域", "重点流域"),
    ("在湖州市一季度平安建设综合评价中,安吉县位列各区县前列", "在全省平安建设综合评价中,安吉县位列前列"),
)
_SAMPLE_PLACES = (("安吉县", "安吉"), ("洛阳市", "洛阳"), ("苏州市", "苏州"), ("绵阳市", "绵阳"))
_SAMPLE_PLACES += (("潍坊市", "潍坊"), ("湛江市", "湛江"))
_PROVINCES = ("河南省", "江苏省", "四川省", "山东省", "广东省", "浙江省")

# Written here, in the genre, with invented figures: topics the samples lack (反邪教 and 地理标志 are rare on
# purpose, so that searches for them match few releases).
EXTRA_PARAGRAPHS = (
    (PLC, True, "市委政法委牵头开展反邪教警示教育“进社区、进校园、进企业”活动,全年举办反邪教宣讲186场,"
     "发放宣传资料3.2万份,在12个乡镇(街道)建成反邪教警示教育阵地,群众识邪、防邪、拒邪的能力持续提升。"),
    (POLICE, True, "公安机关依法防范和打击邪教违法犯罪活动,会同有关部门清理涉邪教有害信息1,240条,"
     "依法处理违法人员27名,反邪教宣传覆盖群众18.6万人次。"),
    (COURT, True, "在知识产权保护方面,全市法院审结涉地理标志商标侵权案件46件,判赔金额1,280万元,并会同"
     "市场监管部门建立地理标志保护协作机制,为特色农产品品牌发展提供司法保障。"),
    (PROC, True, "检察机关围绕地理标志产品保护开展专项监督,办理相关知识产权刑事案件12件28人,向市场监管、"
     "农业农村等部门制发检察建议9件,推动查处假冒地理标志产品的违法行为。"),
    (JUSTICE, True, "市司法局组织律师服务团走进特色产业园区,围绕地理标志使用许可、商标注册和合同管理开展"
     "法律服务62场,为经营户出具法律意见书140份。"),
    (POLICE, False, "在禁毒工作方面,全市公安机关破获毒品犯罪案件126起,抓获犯罪嫌疑人158名,缴获各类毒品"
     "12.6千克,查处吸毒人员213人次,现有吸毒人员数量同比下降14.7%。"),
    (COURT, False, "全市法院审结毒品犯罪案件92件131人,其中判处五年以上有期徒刑的38人,重刑率为29.0%,对走私、"
     "贩卖、运输、制造毒品犯罪依法从严惩处。"),
    (POLICE, False, "网警部门深入开展“净网2025”专项行动,侦破侵犯公民个人信息、黑客攻击等网络犯罪案件214起,"
     "抓获犯罪嫌疑人356名,督促整改网络安全隐患1,035处。"),
    (PLC, False, "市委政法委会同金融监管部门开展防范和处置非法集资宣传月活动,排查金融风险隐患线索87条,"
     "化解处置非法集资案件14起,清退集资参与人资金1.36亿元。"),
    (PROC, False, "对非法吸收公众存款、集资诈骗等涉众型经济犯罪,检察机关依法从严追诉,起诉63件148人,"
     "追赃挽损2.4亿元,最大限度减少群众损失。"),
    (POLICE, False, "全市现行命案连续七年全部侦破,命案发案数同比下降18.2%,八类严重暴力犯罪案件发案数"
     "同比下降12.5%。"),
    (PLC, False, "市反恐怖工作领导小组办公室组织开展反恐应急演练34场次,对人员密集场所和重点目标开展安全"
     "检查1,860家次,督促整改隐患226处。"),
)  # fmt: skip


# --- Release themes, headings, outlets -----------------------------------------------------------------------

THEMES = {
    # name: (months of the conference, conference name, topics whose paragraphs are favoured, titles)
    "pingan": ((6, 7, 8), "平安建设专题新闻发布会", {"social-order", "dispute-mediation", "theft"},
               ("织密平安防护网 {short}通报上半年平安建设成效", "{city}召开平安建设专题新闻发布会 政法各单位通报工作成效")),
    "fraud": ((3, 6, 9, 11, 12), "打击治理电信网络诈骗和常态化扫黑除恶斗争新闻发布会",
              {"telecom-fraud", "anti-gang"},
              ("{short}通报{year}年打击治理电信网络诈骗和常态化扫黑除恶工作情况",
               "守护群众钱袋子 {short}电诈案件发案数损失数持续下降")),
    "business": ((5, 8, 9, 10), "政法机关服务保障高质量发展新闻发布会",
                 {"business-environment", "intellectual-property", "enforcement"},
                 ("{city}政法机关服务保障高质量发展新闻发布会情况通报", "法治护航民营经济 {short}政法机关推出涉企服务举措")),
    "legal": ((10, 11, 12), "公共法律服务体系建设新闻发布会", {"legal-aid", "dispute-mediation"},
              ("{short}：调解在前 援助兜底 公共法律服务送到群众家门口", "{short}举行公共法律服务体系建设新闻发布会")),
    "annual": ((1, 2, 3), "{prev}年度政法工作新闻发布会", set(),
               ("{short}政法系统晒出{prev}年度“成绩单” 法治护航经济社会发展", "{short}通报{prev}年全市政法工作情况")),
    "quarter": ((4,), "一季度平安建设工作新闻通气会", set(),
                ("{city}召开一季度平安建设工作新闻通气会 政法各单位通报“开门红”成绩",)),
}  # fmt: skip
ORGAN_NAMES = {PLC: "市委政法委", COURT: "市中级人民法院", PROC: "市人民检察院", POLICE: "市公安局", JUSTICE: "市司法局"}  # fmt: skip
SHORT_ORGANS = {PLC: "市委政法委", COURT: "市法院", PROC: "市检察院", POLICE: "市公安局", JUSTICE: "市司法局"}
# What follows the city in a standalone heading (洛阳 + 市中级人民法院 + focus + 情况).
HEADING_ORGANS = {
    PLC: ("市委政法委",), COURT: ("市中级人民法院",), PROC: ("市人民检察院", "市检察机关"),
    POLICE: ("市公安局", "市公安机关"), JUSTICE: ("市司法局",),
}  # fmt: skip
FOCUS = {
    PLC: ("统筹推进平安{short}建设", "常态化扫黑除恶斗争工作", "统筹政法各单位形成服务发展合力", "推进基层社会治理工作"),
    COURT: ("服务保障平安建设", "公正高效审理涉企案件", "诉调对接工作", "审理涉诈涉黑案件", "审判执行工作"),
    PROC: ("服务保障民营经济发展", "全面履行法律监督职能", "依法惩治电诈及涉黑涉恶犯罪", "公益诉讼检察工作"),
    POLICE: ("夏季治安打击整治行动", "打击治理电信网络诈骗工作", "严厉打击涉企违法犯罪", "社会治安防控体系建设"),
    JUSTICE: ("矛盾纠纷排查化解工作", "推进公共法律服务体系建设", "优化涉企公共法律服务", "反诈普法和公共法律服务工作"),
}  # fmt: skip
HEADLINES = {
    PLC: ("平安建设考评位居全省前列 群众安全感持续提升", "统筹推进社会治理 矛盾纠纷化解率超过95%"),
    COURT: ("审结各类案件逾四十万件 审判质效稳中有进", "诉源治理成效明显 执行到位金额同比增长9.8%"),
    PROC: ("依法履行“四大检察”职能 办案质效持续提升", "护航民营经济 涉企案件办理更加规范"),
    POLICE: ("刑事警情连续下降 群众安全感持续提升", "电诈发案数损失数同比分别下降21.7%和26.5%"),
    JUSTICE: ("公共法律服务网络覆盖城乡 人民调解化解纠纷超十万件", "法律援助应援尽援 矛盾纠纷就地化解"),
}  # fmt: skip
ORDERS = ((PLC, COURT, PROC, POLICE, JUSTICE), (PLC, POLICE, COURT, PROC, JUSTICE),
          (PLC, POLICE, PROC, COURT, JUSTICE), (COURT, PROC, POLICE, JUSTICE, PLC))  # fmt: skip
STYLES = ("standalone", "standalone", "colon", "inline", "numbered")
OUTLETS = ("示例日报", "样稿通讯社", "示例晚报", "样稿政法网")
REPORTERS = ("林晓禾", "周明远", "陈思齐", "赵一帆", "孙若溪")
NUMERALS = "一二三四五六七八九十"


# --- Query vocabulary ----------------------------------------------------------------------------------------

COMMON_WORDS = ("法院", "检察院", "公安机关", "电信网络诈骗", "扫黑除恶", "人民调解", "法律援助", "矛盾纠纷",
                "平安建设", "公益诉讼", "刑事案件", "执行到位", "综治中心", "未成年人", "营商环境", "诉前调解",
                "认罪认罚", "社区矫正", "涉企", "反诈")  # fmt: skip
RARE_WORDS = ("知识产权", "反邪教", "地理标志", "禁毒", "非法集资", "命案", "商业秘密", "破产", "酒驾", "网络安全",
              "公证", "仲裁", "合规", "护苗", "枫桥经验", "共享法庭", "民宿", "电诈", "扫黑", "法援")  # fmt: skip
PHRASES = ("执行到位金额", "诉前调解成功率", "电信网络诈骗", "调解成功率", "法律援助案件", "涉案企业", "认罪认罚从宽",
           "公共法律服务热线", "刑事警情同比下降", "打财断血", "枫桥经验", "平安建设", "矛盾纠纷", "知识产权犯罪",
           "12309检察服务中心", "共享法庭", "黑恶势力", "被骗资金", "群众安全感", "一审服判息诉率", "地理标志",
           "反邪教警示教育", "民营经济", "社区矫正对象", "紧急止付")  # fmt: skip
NO_MATCH = ("量子纠缠", "火星基地", "恐龙化石", "芭蕾舞剧", "冰川融化", "xylophone", "nonexistentterm", "98765432",
            "\"法院火星\"", "year:2018 法院", "year:2030", "topic:drugs 恐龙化石", "量子纠缠 法院", "\"火箭发射场\"",
            "agency:court 芭蕾舞剧")  # fmt: skip
AGENCY_FILTERS = ("agency:court", "agency:procuratorate", "agency:police", "agency:justice_bureau",
                  "agency:political_legal_committee", "机关:法院", "机关:公安")  # fmt: skip
