// What the demo projects are (demo-projects.ts writes them): deals at the demo customers named the way Chinese project
// lists name them (site + facility + scope), spread over every stage of both processes, a few closed, one parent with
// two phases, and one registration conflict.
export type DemoProjectSpec = {
  key: string;
  organization: string;
  name: string;
  site: string;
  process: 'ctmp8' | 'ctmp7';
  /** Index of the stage (0 = first); won projects stand in the last (won) stage. */
  stage: number;
  status: 'open' | 'won' | 'lost' | 'suspended';
  amountWan: number;
  productLines: string[];
  source: string;
  description: string | null;
  /** Days since the current stage was entered (before closing, for closed ones). */
  daysInStage: number;
  closedDaysAgo?: number;
  stalled?: boolean;
  designInstitute?: string;
  contractor?: string;
  competitors?: string[];
  presales?: boolean;
  close?: { reason: string; lessons: string };
  tender?: 'decided';
  parentKey?: string;
  phaseLabel?: string;
  /** Owner when not the customer's owner (the conflict's newcomer). */
  owner?: string;
  /** The customer is shared with the owner (a joint account). */
  shareWith?: boolean;
  wentBack?: boolean;
  notes?: string[];
  tags?: string[];
  seed: number;
};

type Customer = { name: string; site: string; industry: 'metallurgy' | 'water' | 'petrochemical' | 'power' | 'rail' | 'pharma' | 'port'; region: 'east' | 'north' | 'south' | 'other' };
const customers: Customer[] = [
  { name: '上海宝山钢铁股份有限公司', site: '上海市宝山区', industry: 'metallurgy', region: 'east' },
  { name: '上海城投水务（集团）有限公司', site: '上海市浦东新区', industry: 'water', region: 'east' },
  { name: '上海华谊能源化工有限公司', site: '上海市金山区', industry: 'petrochemical', region: 'east' },
  { name: '南京钢铁股份有限公司', site: '南京市六合区', industry: 'metallurgy', region: 'east' },
  { name: '中国石化扬子石油化工有限公司', site: '南京市江北新区', industry: 'petrochemical', region: 'east' },
  { name: '无锡华光环保能源集团股份有限公司', site: '无锡市新吴区', industry: 'power', region: 'east' },
  { name: '苏州工业园区清源华衍水务有限公司', site: '苏州工业园区', industry: 'water', region: 'east' },
  { name: '宁波市轨道交通集团有限公司', site: '宁波市鄞州区', industry: 'rail', region: 'east' },
  { name: '上海瑞金医院', site: '上海市嘉定区', industry: 'pharma', region: 'east' },
  { name: '北京首钢股份有限公司', site: '河北省迁安市', industry: 'metallurgy', region: 'north' },
  { name: '北京市自来水集团有限责任公司', site: '北京市丰台区', industry: 'water', region: 'north' },
  { name: '北京燕山石化有限公司', site: '北京市房山区', industry: 'petrochemical', region: 'north' },
  { name: '天津钢管制造有限公司', site: '天津市东丽区', industry: 'metallurgy', region: 'north' },
  { name: '天津港（集团）有限公司', site: '天津市滨海新区', industry: 'port', region: 'north' },
  { name: '北京协和医院', site: '北京市东城区', industry: 'pharma', region: 'north' },
  { name: '山西太钢不锈钢股份有限公司', site: '太原市尖草坪区', industry: 'metallurgy', region: 'north' },
  { name: '广州市自来水有限公司', site: '广州市白云区', industry: 'water', region: 'south' },
  { name: '中国石化茂名分公司', site: '茂名市茂南区', industry: 'petrochemical', region: 'south' },
  { name: '深圳能源集团股份有限公司', site: '深圳市南山区', industry: 'power', region: 'south' },
  { name: '东莞市东江水务有限公司', site: '东莞市南城区', industry: 'water', region: 'south' },
  { name: '中山大学附属第一医院', site: '广州市越秀区', industry: 'pharma', region: 'south' },
  { name: '武汉钢铁有限公司', site: '武汉市青山区', industry: 'metallurgy', region: 'other' },
  { name: '四川省成都市自来水有限责任公司', site: '成都市郫都区', industry: 'water', region: 'other' },
  { name: '湖南华菱湘潭钢铁有限公司', site: '湘潭市岳塘区', industry: 'metallurgy', region: 'other' },
];

const scopes: Record<Customer['industry'], [facility: string, scope: string, productLine: string][]> = {
  metallurgy: [['热轧厂', '循环水泵改造项目', 'pumps'], ['高炉', '冷却水系统升级工程', 'water_treatment'], ['炼钢厂', '除尘风机阀门更新项目', 'valves'], ['冷轧厂', '自控系统改造项目', 'automation']],
  water: [['第三水厂', '提标改造工程', 'water_treatment'], ['加压泵站', '扩建项目水泵采购', 'pumps'], ['智慧水务', '管网监测系统项目', 'automation'], ['再生水厂', '阀门集中采购项目', 'valves']],
  petrochemical: [['乙烯装置', '循环水泵更新项目', 'pumps'], ['罐区', '阀门集中采购项目', 'valves'], ['炼油装置', '自控系统改造工程', 'automation'], ['污水处理场', '提标改造项目', 'water_treatment']],
  power: [['热电联产机组', '给水泵采购项目', 'pumps'], ['脱硫系统', '浆液泵更新工程', 'pumps'], ['冷却塔', '节能改造项目', 'service'], ['化学水处理', '系统扩容项目', 'water_treatment']],
  rail: [['地铁4号线', '排水泵站设备采购', 'pumps'], ['车辆段', '给排水系统工程', 'water_treatment'], ['隧道', '消防水泵采购项目', 'pumps']],
  pharma: [['新院区', '给排水设备采购项目', 'pumps'], ['中央空调', '水泵节能改造项目', 'service']],
  port: [['港区', '消防泵站改造项目', 'pumps'], ['码头', '给水系统升级工程', 'water_treatment']],
};

const institutes: Record<Customer['region'], [water: string, power: string]> = {
  east: ['上海市政工程设计研究总院（集团）有限公司', '中国能源建设集团上海电力设计院有限公司'],
  north: ['北京市市政工程设计研究总院有限公司', '中国电力工程顾问集团华北电力设计院有限公司'],
  south: ['中国市政工程中南设计研究总院有限公司', '广东省电力设计研究院有限公司'],
  other: ['中国电建集团成都勘测设计研究院有限公司', '中国电建集团成都勘测设计研究院有限公司'],
};
const contractors: Record<Customer['region'], string> = {
  east: '中国建筑第八工程局有限公司',
  north: '北京城建集团有限责任公司',
  south: '中交第四航务工程局有限公司',
  other: '中国一冶集团有限公司',
};
const competitorsByRegion: Record<Customer['region'], string[]> = {
  east: ['上海凯泉泵业（集团）有限公司', '上海东方泵业（集团）有限公司', '杭州锅炉集团股份有限公司'],
  north: ['沈阳鼓风机集团股份有限公司', '上海凯泉泵业（集团）有限公司', '西安陕鼓动力股份有限公司'],
  south: ['格兰富水泵（广州）有限公司', '上海东方泵业（集团）有限公司', '上海凯泉泵业（集团）有限公司'],
  other: ['西安陕鼓动力股份有限公司', '格兰富水泵（广州）有限公司', '沈阳鼓风机集团股份有限公司'],
};
const sources = ['rep_developed', 'referral', 'tender_notice', 'exhibition', 'website'];

const wins = [
  { reason: 'technical_fit', lessons: '设计院早期介入，技术参数按我方方案编制；样板工程参观起了关键作用。' },
  { reason: 'references', lessons: '同类钢厂业绩打动了总工，后续同集团项目可复用这套案例。' },
  { reason: 'relationship', lessons: '设备部长全程支持，商务阶段提前与采购部确认了评标办法。' },
];
const losses = [
  { reason: 'price', lessons: '竞争对手报价低 12%，我方未能在商务阶段给出有竞争力的分期付款方案。' },
  { reason: 'spec_locked', lessons: '介入时设计院已按竞争对手参数出图，今后要在方案设计阶段前接触设计院。' },
  { reason: 'relationship', lessons: '决策者始终保持中立，没有建立起高层关系；需要更早安排高层拜访。' },
];
const suspensions = [
  { reason: 'budget', lessons: '客户年度预算被压缩，项目推迟到明年，保持季度拜访。' },
  { reason: 'postponed', lessons: '业主调整建设计划，二期工程延后，关注新的立项批复。' },
];

const stalledNotes = ['客户内部组织调整，经手人暂时无法推进，等待新负责人到岗。', '已提交方案，客户迟迟未反馈。'];

export function demoProjectSpecs(): DemoProjectSpec[] {
  const specs: DemoProjectSpec[] = [];
  let serial = 0;
  let won = 0;
  let lost = 0;
  let suspended = 0;
  const opened = { ctmp8: 0, ctmp7: 0 };
  for (const [customerIndex, customer] of customers.entries()) {
    const list = scopes[customer.industry];
    const count = customerIndex % 4 === 3 ? 4 : 3;
    for (let slot = 0; slot < count; slot += 1) {
      serial += 1;
      const [facility, scope, productLine] = list[(slot + customerIndex) % list.length]!;
      const process = serial % 5 < 3 ? 'ctmp8' : 'ctmp7';
      const openStages = process === 'ctmp8' ? 7 : 6;
      // Every ninth project is won, every eleventh lost, every seventeenth suspended; the rest open, over all stages.
      const status = serial % 9 === 0 ? 'won' : serial % 11 === 0 ? 'lost' : serial % 17 === 0 ? 'suspended' : 'open';
      const stage = status === 'won' ? 99 : status === 'open' ? (opened[process] += 1) % openStages : 2 + (serial % (openStages - 2));
      const stalled = status === 'open' && serial % 8 === 5;
      const close = status === 'won' ? wins[won++ % wins.length] : status === 'lost' ? losses[lost++ % losses.length] : status === 'suspended' ? suspensions[suspended++ % suspensions.length] : undefined;
      const short = customer.name.replace(/（.*?）|股份有限公司|有限责任公司|有限公司|集团/g, '');
      const waterSide = customer.industry === 'water' || customer.industry === 'pharma' || customer.industry === 'rail';
      specs.push({
        key: `p${serial}`,
        organization: customer.name,
        name: `${short}${facility}${scope}`,
        site: `${customer.site}${facility}`,
        process,
        stage,
        status,
        amountWan: [85, 120, 260, 480, 950, 1600, 320, 60, 2100][serial % 9]!,
        productLines: serial % 6 === 0 ? [productLine, 'service'] : [productLine],
        source: sources[serial % sources.length]!,
        description: `${customer.site}${facility}${scope.replace(/项目|工程/, '')}，业主计划分批实施，关注能耗和交货周期。`,
        daysInStage: stalled ? 70 + (serial % 4) * 15 : status === 'won' ? 0 : 4 + ((serial * 7) % 35),
        ...(status === 'open' ? {} : { closedDaysAgo: 8 + ((serial * 11) % 80) }),
        stalled,
        designInstitute: stage >= 1 || serial % 2 === 0 ? institutes[customer.region][waterSide ? 0 : 1] : undefined,
        contractor: serial % 3 === 0 ? contractors[customer.region] : undefined,
        competitors: stage >= 2 ? competitorsByRegion[customer.region].slice(0, 1 + (serial % 3)) : undefined,
        presales: serial % 4 === 1,
        close,
        tender: (stage >= 5 && serial % 2 === 0) || status === 'won' || status === 'lost' ? 'decided' : undefined,
        wentBack: serial % 13 === 4,
        notes: stalled ? stalledNotes : serial % 5 === 2 ? ['拜访设备部，确认了流量扬程参数，下周提交初步方案。'] : undefined,
        tags: customer.region !== 'other' && serial % 7 === 0 ? ['重点项目'] : undefined,
        seed: serial,
      });
    }
  }
  // A parent with two phases: phase one signed, phase two in the technical stages.
  const metro = { organization: '广州地铁集团有限公司', process: 'ctmp7' as const, productLines: ['pumps', 'water_treatment'], source: 'tender_notice', designInstitute: '中国市政工程中南设计研究总院有限公司', contractor: '中交第四航务工程局有限公司', competitors: ['格兰富水泵（广州）有限公司', '上海凯泉泵业（集团）有限公司'] };
  specs.push(
    { ...metro, key: 'metro', name: '广州地铁十一号线机电设备采购项目', site: '广州市十一号线沿线', stage: 3, status: 'open', amountWan: 3800, description: '十一号线环线排水及消防泵组，分两期招标。', daysInStage: 20, presales: true, seed: 101 },
    { ...metro, key: 'metro-1', parentKey: 'metro', phaseLabel: '一期', name: '广州地铁十一号线机电设备采购项目一期', site: '广州市十一号线北段', stage: 99, status: 'won', amountWan: 1650, description: '北段 16 座车站排水泵组。', daysInStage: 0, closedDaysAgo: 35, presales: true, close: wins[0], tender: 'decided', seed: 102 },
    { ...metro, key: 'metro-2', parentKey: 'metro', phaseLabel: '二期', name: '广州地铁十一号线机电设备采购项目二期', site: '广州市十一号线南段', stage: 3, status: 'open', amountWan: 2150, description: '南段车站及车辆段给排水设备。', daysInStage: 12, presales: true, seed: 103 },
  );
  // The registration conflict: liming holds the project at Baosteel; zhangwei, on the shared account, registers it again.
  const baosteel = { organization: '上海宝山钢铁股份有限公司', process: 'ctmp8' as const, productLines: ['pumps'], source: 'rep_developed', designInstitute: '中国能源建设集团上海电力设计院有限公司' };
  specs.push(
    { ...baosteel, key: 'holder', name: '宝钢股份冷轧厂乳化液泵组更新项目', site: '上海市宝山区冷轧厂', stage: 2, status: 'open', amountWan: 420, description: '冷轧厂乳化液系统泵组更新，计划明年检修期实施。', daysInStage: 10, seed: 104 },
    { ...baosteel, key: 'newcomer', owner: 'zhangwei', shareWith: true, name: '宝钢冷轧厂乳化液泵组更新工程', site: '上海宝山区 冷轧厂', stage: 0, status: 'open', amountWan: 400, description: '同一个冷轧厂泵组更新需求，由电气电站渠道得知。', daysInStage: 3, seed: 105 },
  );
  return specs;
}
