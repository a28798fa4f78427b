//! Names as a Chinese B2B sales team's CRM holds them: manufacturing companies
//! named city + brand (or `某`, as anonymised case notes write) + industry + kind
//! (`宁波某整车配套厂`, `常州恒远精密机加工有限公司`), their industry as a field
//! value, and people with a surname, a given name and an ASCII id in pinyin.
//!
//! Some names carry Latin letters in the forms exports really have: `电池Pack`,
//! mixed case, and full-width `ＣＮＣ` typed on a Chinese input method.

use super::dice::Dice;

/// An industry: the value of the customer's industry field, the words its
/// companies are named with, and what its customers ask about.
pub struct Industry {
    /// The field value.
    pub field: &'static str,
    /// Words in company names.
    pub words: &'static [&'static str],
    /// What such a customer wants from the product (for notes).
    pub needs: &'static [&'static str],
}

/// Industries with their share of the customers.
pub const INDUSTRIES: [(Industry, u32); 12] = [
    (
        Industry {
            field: "汽车零部件",
            words: &["整车配套", "汽配", "汽车零部件", "汽车电子", "主机厂配套"],
            needs: &["生产追溯", "供应商协同", "IATF质量体系", "设备联网"],
        },
        16,
    ),
    (
        Industry {
            field: "新能源",
            words: &["新能源", "新能源汽车配件", "充电桩"],
            needs: &["产能爬坡", "批次追溯", "能耗管理"],
        },
        10,
    ),
    (
        Industry {
            field: "光伏",
            words: &["光伏组件", "光伏支架", "光伏玻璃"],
            needs: &["良率分析", "设备联网", "排产优化"],
        },
        7,
    ),
    (
        Industry {
            field: "储能",
            words: &["储能设备", "储能系统"],
            needs: &["批次追溯", "质量检验", "售后运维"],
        },
        6,
    ),
    (
        Industry {
            field: "锂电",
            words: &[
                "锂电材料",
                "锂电设备",
                "电池Pack",
                "电芯",
                "动力电池",
                "电池PACK",
            ],
            needs: &["批次追溯", "工艺参数管控", "良率分析"],
        },
        9,
    ),
    (
        Industry {
            field: "机械加工",
            words: &[
                "机械加工",
                "数控机床",
                "精密机加工",
                "CNC加工",
                "ＣＮＣ精密",
                "Cnc零件",
            ],
            needs: &["工单报工", "设备稼动率", "刀具管理"],
        },
        14,
    ),
    (
        Industry {
            field: "电子",
            words: &["电子元器件", "PCB", "线束", "连接器"],
            needs: &["SMT产线追溯", "物料防错", "质量检验"],
        },
        10,
    ),
    (
        Industry {
            field: "注塑",
            words: &["注塑", "模具", "塑胶制品"],
            needs: &["模具寿命管理", "工单报工", "设备联网"],
        },
        7,
    ),
    (
        Industry {
            field: "五金",
            words: &["五金制品", "紧固件", "铸造"],
            needs: &["库存管理", "工单报工"],
        },
        6,
    ),
    (
        Industry {
            field: "纺织",
            words: &["纺织", "印染", "服装"],
            needs: &["订单排产", "能耗管理"],
        },
        5,
    ),
    (
        Industry {
            field: "食品",
            words: &["食品", "饮料", "乳制品"],
            needs: &["批次追溯", "质量检验", "冷链管理"],
        },
        5,
    ),
    (
        Industry {
            field: "医疗器械",
            words: &["医疗器械", "体外诊断试剂"],
            needs: &["GMP合规", "批次追溯", "质量检验"],
        },
        5,
    ),
];

const CITIES: [&str; 40] = [
    "宁波", "常州", "苏州", "嘉兴", "无锡", "佛山", "东莞", "合肥", "武汉", "成都", "重庆", "天津",
    "青岛", "烟台", "温州", "台州", "绍兴", "南通", "扬州", "长沙", "郑州", "西安", "厦门", "泉州",
    "昆山", "慈溪", "余姚", "义乌", "芜湖", "襄阳", "柳州", "株洲", "德阳", "潍坊", "临沂", "中山",
    "江门", "湖州", "金华", "镇江",
];

const BRANDS: [&str; 36] = [
    "恒远", "华泰", "鼎盛", "瑞丰", "精工", "博远", "宏达", "永信", "中盛", "金鹏", "天成", "新锐",
    "联创", "海纳", "安泰", "东升", "凯达", "明辉", "顺昌", "兴业", "卓越", "启明", "万润", "国邦",
    "长风", "恒通", "泰和", "信诚", "亿昇", "华锐", "正源", "宏图", "德力", "佳禾", "立川", "北辰",
];

const KINDS: [(&str, u32); 7] = [
    ("厂", 3),
    ("有限公司", 6),
    ("科技有限公司", 4),
    ("制造有限公司", 3),
    ("股份有限公司", 2),
    ("集团", 1),
    ("配套厂", 1),
];

/// A surname and its pinyin.
pub const SURNAMES: [(&str, &str); 40] = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("高", "gao"),
    ("林", "lin"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("许", "xu"),
    ("韩", "han"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("肖", "xiao"),
    ("田", "tian"),
    ("董", "dong"),
    ("袁", "yuan"),
    ("潘", "pan"),
    ("蒋", "jiang"),
    ("蔡", "cai"),
    ("沈", "shen"),
];

/// A given name and its pinyin.
pub const GIVEN: [(&str, &str); 36] = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("建华", "jianhua"),
    ("志强", "zhiqiang"),
    ("晓东", "xiaodong"),
    ("海燕", "haiyan"),
    ("国强", "guoqiang"),
    ("立新", "lixin"),
    ("春梅", "chunmei"),
    ("文博", "wenbo"),
    ("子涵", "zihan"),
    ("浩然", "haoran"),
    ("思远", "siyuan"),
    ("雨桐", "yutong"),
    ("欣怡", "xinyi"),
    ("俊杰", "junjie"),
    ("建国", "jianguo"),
    ("丽华", "lihua"),
    ("永军", "yongjun"),
    ("佳琪", "jiaqi"),
    ("宇航", "yuhang"),
];

/// A person's name: surname, given name, and the pinyin of both.
pub struct PersonName {
    /// `王`.
    pub surname: &'static str,
    /// `建华`.
    pub given: &'static str,
    /// `wangjianhua`.
    pub pinyin: String,
}

impl PersonName {
    /// `王建华`.
    pub fn full(&self) -> String {
        format!("{}{}", self.surname, self.given)
    }
}

/// A person's name.
pub fn person(dice: &mut Dice) -> PersonName {
    let (surname, s) = dice.pick(&SURNAMES);
    let (given, g) = dice.pick(&GIVEN);
    PersonName {
        surname,
        given,
        pinyin: format!("{s}{g}"),
    }
}

/// A company: its name and its industry.
pub struct Company {
    /// `常州恒远精密机加工有限公司`.
    pub name: String,
    /// Its industry.
    pub industry: &'static Industry,
}

/// A company name.
pub fn company(dice: &mut Dice) -> Company {
    let industry = dice.weighted(&INDUSTRIES);
    let city = dice.pick(&CITIES);
    let word = dice.pick(industry.words);
    let kind = dice.weighted(&KINDS);
    // Case notes and exports anonymise some names as `某`.
    let brand = if dice.chance(0.25) {
        "某"
    } else {
        dice.pick(&BRANDS)
    };
    let mut name = format!("{city}{brand}{word}{kind}");
    if dice.chance(0.04) {
        name.push_str(dice.pick(&["(二期项目)", "(昆山工厂)", "(华东基地)", "（新厂区）"]));
    }
    Company { name, industry }
}

#[cfg(test)]
mod tests {
    use super::super::dice::Stream;
    use super::*;

    #[test]
    fn company_names_read_as_city_brand_industry_kind() {
        let mut dice = Dice::new(3, Stream::Profile, &[1]);
        for _ in 0..200 {
            let c = company(&mut dice);
            assert!(
                CITIES.iter().any(|city| c.name.starts_with(city)),
                "{}",
                c.name
            );
            assert!(
                c.industry.words.iter().any(|w| c.name.contains(w)),
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn pinyin_ids_are_ascii_lower_case() {
        let mut dice = Dice::new(3, Stream::Team, &[]);
        for _ in 0..50 {
            let p = person(&mut dice);
            assert!(
                p.pinyin.bytes().all(|b| b.is_ascii_lowercase()),
                "{}",
                p.pinyin
            );
            assert_eq!(p.full().chars().count(), 1 + p.given.chars().count());
        }
    }
}
