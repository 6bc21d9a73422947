/**
 * 方城县 附件2 村级问题排查表 (方农工组〔2022〕17号): the 6 项目, each item's text being that 项目's
 * 排查内容 with the (是□否□) tick boxes left out. Every question is phrased "是否存在…/是否未…",
 * so 'yes' is the finding.
 */
import type { ChecklistTemplate } from '../template.js';

export const FANGCHENG_VILLAGE: ChecklistTemplate = {
  id: 'fangcheng-village',
  version: 1,
  kind: 'village',
  title: '村级问题排查表',
  source: { document: '方城县巩固脱贫成果“回头看”靶向整改专项行动实施方案（方农工组〔2022〕17号）', section: '附件2 村级问题排查表' },
  items: [
    {
      id: 'fc-v-01',
      order: 1,
      subArea: '防返贫监测',
      text: '①是否未建立早排查、早预警、早纳入、早帮扶的常态化、网格化监测帮扶机制；②是否存在应纳未纳、应扶未扶、未审慎退出、程序不规范等问题；③是否未做到资料完善、归档有序等。',
      problemWhen: 'yes',
      defaultProblemType: '监测帮扶',
    },
    {
      id: 'fc-v-02',
      order: 2,
      subArea: '“三保障”巩固',
      text: '①村内符合条件户是否存在教育政策落实不到位问题；②村内符合条件户是否存在基本医疗政策落实不到位问题；③村内符合条件户是否存在安全住房政策落实不到位问题；④村内符合条件户是否存在安全饮水政策落实不到位问题；⑤村内符合条件户是否存在综合保障政策落实不到位问题。',
      guidance: '五问分属教育、医疗、住房、饮水、综合保障：记问题时按所涉领域改选问题类型。',
      problemWhen: 'yes',
      defaultProblemType: '综合保障',
    },
    {
      id: 'fc-v-03',
      order: 3,
      subArea: '产业就业帮扶',
      text: '①是否存在村集体经济收入未达到5万元以上问题；②是否未因地制宜培育发展1个以上成规模的种、养、加特色产业，或农旅融合、文旅融合、电商融合等优势产业，并与群众建立利益联结机制；③是否未围绕主导产业培育形成农民专业合作社、家庭农场等新型经营主体；④是否存在脱贫户、监测对象中有劳动能力的家庭成员应培未培、愿培未培；⑤是否未建立公益岗位实名信息台账，并实行考勤制度；⑥帮扶车间是否存在长期闲置、帮扶比例不达标等问题；光伏收益是否未进行差异化分配，主要用于公益岗、公益事业、奖励补助等；是否存在未及时录入国家信息系统等问题；⑦年度新增小额贷款规模较去年相比，是否未做到只增不减；⑧是否存在贷款逾期，是否存在户贷企用、一分了之或用于非生产性支出等问题。',
      guidance: '八问涉及产业、就业、金融帮扶：记问题时按所涉领域改选问题类型。',
      problemWhen: 'yes',
      defaultProblemType: '产业帮扶',
    },
    {
      id: 'fc-v-04',
      order: 4,
      subArea: '项目资金管理',
      text: '①是否存在纳入2022年度计划实施的项目未开工，开工项目资金拨付进度与项目建设进度不匹配等问题；②是否存在已形成的项目资产后续管护不到位，如安全饮水工程、光伏电站、村级卫生室等存在不能正常运营、帮扶效能不能正常发挥等问题。',
      problemWhen: 'yes',
      defaultProblemType: '资金项目',
    },
    {
      id: 'fc-v-05',
      order: 5,
      subArea: '涉贫信访、网络舆情稳控',
      text: '①是否存在县乡信访电话公示不到位问题；②是否存在未建立信访苗头排查、信访案件调查处置机制等问题；③是否存在信访户合理诉求未能及时得到解决、稳控化解不到位等问题。',
      problemWhen: 'yes',
      defaultProblemType: '信访舆情',
    },
    {
      id: 'fc-v-06',
      order: 6,
      subArea: '帮扶责任',
      text: '①是否存在未派驻第一书记或驻村工作队问题；②驻村第一书记或驻村工作队是否存在不遵守驻村纪律、履职不到位，群众满意度不高或不认可等问题。',
      problemWhen: 'yes',
      defaultProblemType: '帮扶责任',
    },
  ],
};
