// Word lists the generator draws from: the sales organisation chart, people's names and company names.
import type { OrganizationType } from '@openpsm/contracts';

/** A branch and the places its customers are named after (city first, then province and nearby cities). */
export type Branch = { name: string; places: string[]; phonePrefix: string };
/** A sales region: its option code (seed/bootstrap.ts `region`) and its branches, biggest first. */
export type Region = { code: string; name: string; branches: Branch[] };

export const regions: Region[] = [
  {
    code: 'east',
    name: '华东大区',
    branches: [
      { name: '上海分公司', places: ['上海', '上海市', '浦东', '闵行'], phonePrefix: '021' },
      { name: '南京分公司', places: ['南京', '江苏', '苏州', '无锡', '常州'], phonePrefix: '025' },
      { name: '杭州分公司', places: ['杭州', '浙江', '宁波', '温州', '绍兴'], phonePrefix: '0571' },
      { name: '合肥分公司', places: ['合肥', '安徽', '芜湖', '马鞍山'], phonePrefix: '0551' },
      { name: '济南分公司', places: ['济南', '山东', '青岛', '烟台', '淄博'], phonePrefix: '0531' },
      { name: '福州分公司', places: ['福州', '福建', '厦门', '泉州'], phonePrefix: '0591' },
    ],
  },
  {
    code: 'north',
    name: '华北大区',
    branches: [
      { name: '北京分公司', places: ['北京', '北京市', '首都'], phonePrefix: '010' },
      { name: '天津分公司', places: ['天津', '天津市', '滨海'], phonePrefix: '022' },
      { name: '石家庄分公司', places: ['石家庄', '河北', '唐山', '保定'], phonePrefix: '0311' },
      { name: '太原分公司', places: ['太原', '山西', '大同'], phonePrefix: '0351' },
      { name: '呼和浩特办事处', places: ['呼和浩特', '内蒙古', '包头'], phonePrefix: '0471' },
    ],
  },
  {
    code: 'south',
    name: '华南大区',
    branches: [
      { name: '广州分公司', places: ['广州', '广东', '佛山', '东莞'], phonePrefix: '020' },
      { name: '深圳分公司', places: ['深圳', '深圳市', '惠州', '珠海'], phonePrefix: '0755' },
      { name: '南宁分公司', places: ['南宁', '广西', '柳州', '桂林'], phonePrefix: '0771' },
      { name: '海口办事处', places: ['海口', '海南', '三亚'], phonePrefix: '0898' },
    ],
  },
  {
    code: 'central',
    name: '华中大区',
    branches: [
      { name: '武汉分公司', places: ['武汉', '湖北', '宜昌', '襄阳'], phonePrefix: '027' },
      { name: '长沙分公司', places: ['长沙', '湖南', '株洲', '湘潭'], phonePrefix: '0731' },
      { name: '郑州分公司', places: ['郑州', '河南', '洛阳', '新乡'], phonePrefix: '0371' },
      { name: '南昌分公司', places: ['南昌', '江西', '九江', '赣州'], phonePrefix: '0791' },
    ],
  },
  {
    code: 'southwest',
    name: '西南大区',
    branches: [
      { name: '成都分公司', places: ['成都', '四川', '绵阳', '德阳'], phonePrefix: '028' },
      { name: '重庆分公司', places: ['重庆', '重庆市', '涪陵'], phonePrefix: '023' },
      { name: '昆明分公司', places: ['昆明', '云南', '曲靖'], phonePrefix: '0871' },
      { name: '贵阳分公司', places: ['贵阳', '贵州', '遵义'], phonePrefix: '0851' },
    ],
  },
  {
    code: 'northwest',
    name: '西北大区',
    branches: [
      { name: '西安分公司', places: ['西安', '陕西', '宝鸡', '咸阳'], phonePrefix: '029' },
      { name: '兰州分公司', places: ['兰州', '甘肃', '宁夏', '银川'], phonePrefix: '0931' },
      { name: '乌鲁木齐办事处', places: ['乌鲁木齐', '新疆', '克拉玛依'], phonePrefix: '0991' },
    ],
  },
  {
    code: 'northeast',
    name: '东北大区',
    branches: [
      { name: '沈阳分公司', places: ['沈阳', '辽宁', '大连', '鞍山'], phonePrefix: '024' },
      { name: '长春分公司', places: ['长春', '吉林', '吉林市'], phonePrefix: '0431' },
      { name: '哈尔滨分公司', places: ['哈尔滨', '黑龙江', '大庆', '齐齐哈尔'], phonePrefix: '0451' },
    ],
  },
];

export const teamNames = ['销售一组', '销售二组', '销售三组', '销售四组'];

/** Nationwide names that any branch may sell to. */
export const nationalPlaces = ['中国', '中华', '国家', '中国中铁', '中国电建', '中国能建', '中冶', '中交', '中核', '国网'];

export const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const givenNameCharacters = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲兰飞鹏辉建国志宏海波斌鑫宇浩凯健俊帆帅旭宁龙林晨阳欣悦琳婷雪倩颖佳琪思雨晓峰文博涵轩泽瑞嘉睿子怡梓萱一诺浩然'.split('');

/** 字号: the distinctive part of a company name. */
export const coreWords = (
  '宏达 华通 恒信 金泰 鑫源 永盛 瑞丰 天成 中联 博远 海川 晨光 正泰 国鼎 长城 东方 新华 汇丰 远大 华宇 ' +
  '鼎盛 恒通 福瑞 聚力 嘉禾 凯达 隆鑫 明珠 诺德 欧亚 鹏程 千禧 荣昌 三维 泰和 天元 万通 伟业 祥瑞 兴业 ' +
  '亚泰 银河 运通 泽润 振华 中兴 安泰 百川 宝丰 昌盛 大成 德润 鼎立 飞跃 丰源 富华 广源 国泰 海天 合力 ' +
  '恒丰 宏远 华创 华信 汇通 吉祥 佳和 金鼎 金源 精诚 巨龙 凯旋 科达 蓝天 力源 联合 龙腾 美联 南方 普华 ' +
  '启明 强盛 润泽 瑞达 山河 盛世 世纪 顺达 四方 泰山 腾飞 天宇 通达 万达 威力 五洲 星辰 新宇 信达 旭日 ' +
  '扬帆 耀华 一帆 亿丰 永安 优联 宇通 远航 跃进 长江 长虹 长远 正大 致远 中天 众诚 卓越 鸿运 华电 华能 ' +
  '华润 金石 锦华 久盛 开元 恒力 蓝海 利华 联创 绿源 明远 宁泰 沃德 祥和 新兴 鑫达 英特 永兴 元丰 云峰'
).split(' ');

/** Industry option code (seed/bootstrap.ts `industry`) → words that name it in a company name. */
export const industryWords: Record<string, string[]> = {
  power: ['电力', '电力工程', '新能源', '电气', '能源', '热电', '电力设备'],
  petrochemical: ['石化', '化工', '石油化工', '燃气', '化学', '石油机械'],
  metallurgy: ['钢铁', '冶金', '特钢', '有色金属', '铝业', '金属材料'],
  water: ['水务', '环保', '环境工程', '水处理', '净水', '供水'],
  pharma: ['医药', '制药', '生物医药', '药业', '医疗器械'],
  building: ['建设', '建筑工程', '建工', '市政工程', '路桥', '安装工程'],
  machinery: ['机械', '重工', '机电设备', '泵业', '阀门', '装备制造', '自动化'],
  rail: ['轨道交通', '地铁', '铁路', '交通建设', '轨道装备'],
  other: ['科技', '实业', '贸易', '物资', '发展'],
};

export const industryWeights: [code: string, weight: number][] = [
  ['power', 18], ['petrochemical', 14], ['metallurgy', 12], ['water', 14], ['pharma', 7], ['building', 12], ['machinery', 13], ['rail', 6], ['other', 4],
];

/** How common each type is among a project-sales company's organisations. */
export const typeWeights: [type: OrganizationType, weight: number][] = [
  ['owner', 32], ['general_contractor', 14], ['supplier', 12], ['design_institute', 8], ['distributor', 10], ['terminal', 10], ['competitor', 5], ['partner', 9],
];

/** The legal form a name ends with, per type: owners are companies, design institutes institutes, and so on. */
export const legalForms: Record<OrganizationType, string[]> = {
  owner: ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'],
  general_contractor: ['工程有限公司', '工程集团有限公司', '建设集团有限公司', '工程局有限公司'],
  supplier: ['设备有限公司', '材料有限公司', '制造有限公司', '股份有限公司'],
  design_institute: ['设计研究院', '设计研究院有限公司', '勘察设计院', '勘测设计研究院有限公司', '工程设计有限公司'],
  distributor: ['销售有限公司', '贸易有限公司', '商贸有限公司', '供应链有限公司'],
  terminal: ['厂', '有限公司', '运营有限公司', '分公司'],
  competitor: ['股份有限公司', '有限公司', '集团股份有限公司'],
  partner: ['科技有限公司', '技术服务有限公司', '工程技术有限公司', '系统集成有限公司'],
};

export const sourceWeights: [code: string, weight: number][] = [
  ['rep_developed', 40], ['referral', 18], ['exhibition', 12], ['website', 8], ['tender_notice', 17], ['media', 5],
];
export const gradeWeights: [grade: 'A' | 'B' | 'C' | null, weight: number][] = [['A', 15], ['B', 35], ['C', 30], [null, 20]];
export const scaleWeights: [code: string | null, weight: number][] = [['small', 30], ['medium', 35], ['large', 20], ['huge', 5], [null, 10]];
export const creditRatingWeights: [code: string | null, weight: number][] = [['aaa', 10], ['aa', 25], ['a', 30], ['b', 10], ['c', 5], [null, 20]];
export const tagChoices = ['重点客户', '战略客户', '老客户', '新开发', '招标中', '需回访', '框架协议'];
export const streets = ['人民路', '解放路', '中山路', '建设路', '长江路', '黄河路', '科技路', '工业大道', '高新大道', '世纪大道', '创业路', '滨江路'];
export const districts = ['高新区', '经济开发区', '工业园区', '新区', '城南区', '城北区', '滨海新区', '临港区'];
