import { ASSET_CHECK } from './asset-check.js';
import { CADRE_INTERVIEW } from './cadre-interview.js';
import { DOCUMENT_REVIEW } from './document-review.js';
import { FANGCHENG_HOUSEHOLD } from './fangcheng-household.js';
import { FANGCHENG_VILLAGE } from './fangcheng-village.js';
import { PROJECT_CHECK } from './project-check.js';
import { XIANGCHENG_72 } from './xiangcheng-72.js';

export { ASSET_CHECK, CADRE_INTERVIEW, DOCUMENT_REVIEW, FANGCHENG_HOUSEHOLD, FANGCHENG_VILLAGE, PROJECT_CHECK, XIANGCHENG_72 };

/**
 * The templates a new installation starts with. The first of each kind is the default for that
 * kind; 襄城 72 is an optional village template a plan may choose instead of 方城 附件2.
 */
export const DEFAULT_TEMPLATES = [FANGCHENG_HOUSEHOLD, FANGCHENG_VILLAGE, XIANGCHENG_72, PROJECT_CHECK, ASSET_CHECK, DOCUMENT_REVIEW, CADRE_INTERVIEW] as const;
