/**
 * 项目核查 — check of a drawn 衔接资金 project (蒿沟镇方案 四(五): 随机抽取衔接资金项目…对相关台账
 * 资料进行核查). The items are the project questions of 方城 附件2 第4项, 襄城清单 第59–60项 and
 * 萧县方案 (九), quoted where the documents phrase them as a check.
 */
import type { ChecklistTemplate } from '../template.js';

export const PROJECT_CHECK: ChecklistTemplate = {
  id: 'project-check',
  version: 1,
  kind: 'project',
  title: '衔接资金项目核查',
  source: { document: '蒿沟镇2023年度巩固拓展脱贫攻坚成果督查及问题整改“回头看”工作方案', section: '四(五) 项目核查' },
  items: [
    {
      id: 'pj-01',
      order: 1,
      subArea: '批复开工',
      text: '纳入实施计划的衔接资金项目是否及时批复，开工是否及时。',
      guidance: '对照年度实施计划和批复文件看批复、开工日期；计划内项目未开工答“否”。',
      problemWhen: 'no',
      defaultProblemType: '资金项目',
      source: '襄城清单第59项；方城附件2第4项①',
    },
    {
      id: 'pj-02',
      order: 2,
      subArea: '资金拨付',
      text: '衔接资金支付是否按照项目建设进度拨付，做到“应支尽支”。',
      guidance: '对照拨付凭证与工程进度（监理、验收记录）；拨付进度与建设进度不匹配答“否”。',
      problemWhen: 'no',
      defaultProblemType: '资金项目',
      source: '襄城清单第60项；方城附件2第4项①',
    },
    {
      id: 'pj-03',
      order: 3,
      subArea: '实施规范',
      text: '实施过程是否合法、规范。',
      guidance: '看招投标（或比选）、合同、变更、验收手续是否齐全。',
      problemWhen: 'no',
      defaultProblemType: '资金项目',
      source: '襄城清单第59项',
    },
    {
      id: 'pj-04',
      order: 4,
      subArea: '公告公示',
      text: '是否存在信息公开透明度不高，未及时、真实对财政衔接推进乡村振兴补助资金项目进行公告公示现象。',
      guidance: '看村务公开栏和公示照片：计划、实施、完成各阶段是否公示。',
      problemWhen: 'yes',
      defaultProblemType: '资金项目',
      source: '萧县方案（九）',
    },
    {
      id: 'pj-05',
      order: 5,
      subArea: '资金安全',
      text: '是否存在优亲厚友、克扣挪用、截留私分、虚报冒领、套取侵占、骗取财政衔接推进乡村振兴补助资金等违法违规违纪问题。',
      problemWhen: 'yes',
      defaultProblemType: '资金项目',
      source: '萧县方案（九）',
    },
    {
      id: 'pj-06',
      order: 6,
      subArea: '台账资料',
      text: '项目相关台账资料是否齐全。',
      guidance: '项目库入库、实施方案、批复、合同、拨付凭证、验收报告。',
      problemWhen: 'no',
      defaultProblemType: '档卡资料',
      source: '蒿沟镇方案四（五）',
    },
    {
      id: 'pj-07',
      order: 7,
      subArea: '登记移交',
      text: '是否对财政资金实施项目进行登记、确权和移交，是否建立长效管护机制。',
      problemWhen: 'no',
      defaultProblemType: '资金项目',
      source: '方城方案二（四）',
    },
    {
      id: 'pj-08',
      order: 8,
      subArea: '联农带农',
      text: '是否有项目群众参与度不高、收益不高。',
      guidance: '涉及农户的，可延伸入户调查核实受益情况。',
      problemWhen: 'yes',
      defaultProblemType: '产业帮扶',
      source: '萧县方案（八）；蒿沟镇方案四（五）',
    },
  ],
};
