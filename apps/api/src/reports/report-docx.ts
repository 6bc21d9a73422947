/**
 * The 督查报告 as a Word document (.docx), laid out like a Chinese official document (GB/T 9704):
 * A4, title in 方正小标宋简体 二号, first-level headings in 黑体 三号, second-level in 楷体_GB2312,
 * body in 仿宋_GB2312 三号 with 28-point lines and a two-character indent, page numbers "— 1 —".
 * Font names are set for East Asian text explicitly, so WPS and Word pick the intended faces (and
 * substitute sensibly where one is not installed).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { chineseDate, type PlanReportDto, reportParagraphTexts } from '@lookback/contracts';

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };
const KAITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312', cs: 'Times New Roman' };
const XIAOBIAOSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体', cs: 'Times New Roman' };
/** Half-points: 三号 16 pt, 二号 22 pt, 小四 12 pt. */
const SIZE_3 = 32;
const SIZE_2 = 44;
const SIZE_TABLE = 24;
/** Twips: 28 pt exact line spacing, two 16-pt characters of indent. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: 640 };

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const cn = (i: number) => CN_NUMBERS[i] ?? String(i + 1);

const body = (text: string) => new Paragraph({ children: [new TextRun(text)], indent: INDENT, spacing: LINE, alignment: AlignmentType.JUSTIFIED });
const heading1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1, indent: INDENT, spacing: LINE });
const heading2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, indent: INDENT, spacing: LINE });

function cell(text: string, options: { bold?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: options.bold, size: SIZE_TABLE, font: options.bold ? HEITI : FANGSONG })] })],
    verticalAlign: VerticalAlign.CENTER,
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
  });
}

function table(headers: string[], rows: string[][], widths?: number[]): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, width: widths?.[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((text, i) => cell(text, { width: widths?.[i] })) })),
    ],
  });
}

const spacer = () => new Paragraph({ children: [], spacing: { before: 0, after: 0, line: 280 } });

export async function reportDocx(report: PlanReportDto, issuedOn: string): Promise<Buffer> {
  const b = report.basics;
  const texts = reportParagraphTexts(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 400, line: 700, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: `${report.planName}督查报告`, font: XIAOBIAOSONG, size: SIZE_2 })],
    }),
  ];
  if (report.draft) children.push(body('（草稿：方案尚未完成，以下数字可能变化。）'));
  children.push(
    body(`为巩固拓展脱贫攻坚成果，推动问题整改落地见效，按照督查工作方案，${b.countyName}巩固拓展脱贫攻坚成果督查组开展了“回头看”督查。现将有关情况报告如下：`),
    heading1('一、基本情况'),
    body(texts.scope),
    body(b.method),
    body(texts.sampling),
    table(
      ['督查内容', '数量'],
      [
        ['乡镇 / 行政村', `${b.towns.length} / ${b.villages.length}`],
        ['抽取农户 / 入户调查 / 替换', `${b.households.drawn} / ${b.households.visited} / ${b.households.substituted}`],
        ['其中重点户', `${b.households.priority}`],
        ['衔接资金项目 / 项目资产', `${b.projects} / ${b.assets}`],
        ['干部访谈（实际 / 应访谈）', `${b.interviews.done} / ${b.interviews.planned}`],
        ['知识测试（人数 / 平均分）', `${b.quiz.takers} / ${b.quiz.meanPercent ?? '—'}`],
        ['发现问题', `${b.findings}`],
      ],
      [60, 40],
    ),
    spacer(),
    heading1('二、典型经验'),
  );
  if (!report.experiences.length) children.push(body('本轮尚无可评分的村。'));
  report.experiences.forEach((e, i) => {
    children.push(heading2(`（${cn(i)}）${e.townName}${e.villageName}（得分 ${e.score}）`));
    children.push(body(`${e.strengths.join('；')}。`));
  });
  if (report.experiences.length) {
    children.push(body(report.scoring.note));
    children.push(
      table(
        ['名次', '乡镇', '村', '得分', '90%区间'],
        report.experiences.map((e) => [String(e.rank), e.townName, e.villageName, e.score.toFixed(1), `${e.interval[0].toFixed(1)}–${e.interval[1].toFixed(1)}`]),
        [12, 24, 24, 16, 24],
      ),
      spacer(),
    );
  }
  children.push(heading1('三、存在的主要问题及困难'));
  if (!report.problems.length) children.push(body('本轮督查未发现问题。'));
  else {
    children.push(body(`本轮督查共发现问题 ${b.findings} 个，按问题类型统计如下：`));
    children.push(
      table(
        ['序号', '问题类型', '问题数', '严重', '较重', '一般', '涉及村数'],
        report.problems.map((p, i) => [String(i + 1), p.problemType, String(p.count), String(p.bySeverity['严重'] ?? 0), String(p.bySeverity['较重'] ?? 0), String(p.bySeverity['一般'] ?? 0), String(p.villages)]),
        [10, 22, 14, 12, 12, 12, 18],
      ),
      spacer(),
    );
    report.problems.forEach((p, i) => {
      children.push(heading2(`（${cn(i)}）${p.problemType}方面（${p.count} 个）`));
      p.examples.forEach((x, k) => children.push(body(`${k + 1}. ${x.townName}${x.villageName}${x.subject}：${x.description}（${x.severity}）。`)));
    });
  }
  children.push(heading1('四、意见建议'));
  report.suggestions.forEach((s, i) => children.push(body(`${i + 1}. ${s.text}`)));
  children.push(
    spacer(),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, children: [new TextRun(`${b.countyName}巩固拓展脱贫攻坚成果督查组`)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, children: [new TextRun(chineseDate(issuedOn))] }),
  );

  const doc = new Document({
    creator: 'Lookback 回头看',
    title: `${report.planName}督查报告`,
    description: '督查报告（基本情况、典型经验、存在的主要问题及困难、意见建议）',
    styles: {
      default: { document: { run: { font: FANGSONG, size: SIZE_3 }, paragraph: { spacing: LINE } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: HEITI, size: SIZE_3, bold: false, color: '000000' }, paragraph: { spacing: LINE, outlineLevel: 0 } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: KAITI, size: SIZE_3, bold: false, color: '000000' }, paragraph: { spacing: LINE, outlineLevel: 1 } },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FANGSONG, size: 28 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
