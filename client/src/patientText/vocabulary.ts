/**
 * The words the patient-text rules read to tell the patient from other people and the present from
 * the past. All lower case; compare with a lower-cased word.
 */

/** People a clinical text mentions beside the patient: relatives, carers and the like. */
export const OTHER_PEOPLE = new Set([
  'mother', 'mum', 'mom', 'mummy', 'father', 'dad', 'daddy', 'son', 'sons', 'daughter', 'daughters', 'wife', 'husband',
  'spouse', 'partner', 'brother', 'brothers', 'sister', 'sisters', 'sibling', 'siblings', 'grandson', 'granddaughter',
  'grandchild', 'grandchildren', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'granny', 'aunt', 'auntie', 'uncle',
  'niece', 'nephew', 'cousin', 'friend', 'friends', 'neighbour', 'neighbor', 'neighbours', 'neighbors', 'carer', 'carers',
  'caregiver', 'boyfriend', 'girlfriend', 'fiance', 'fiancé', 'fiancée', 'colleague', 'flatmate', 'housemate',
  'roommate', 'lodger', 'twin', 'stepson', 'stepdaughter', 'stepfather', 'stepmother', 'stepdad', 'stepmum',
  'relative', 'relatives', 'parent', 'parents', 'guardian', 'visitor', 'donor', 'children', 'kids', 'family',
  'widow', 'widower', 'ex-husband', 'ex-wife', 'ex-partner', 'son-in-law', 'daughter-in-law', 'mother-in-law',
  'father-in-law', 'brother-in-law', 'sister-in-law', 'godson', 'goddaughter', 'employer', 'landlord', 'landlady',
  'next-of-kin', 'kin', 'nok', 'twins', 'assailant', 'cyclist', 'pedestrian', 'passenger',
]);

/** Who looks after the patient; a name next to one of these is a clinician, not the patient. */
export const CLINICAL_ROLES = new Set([
  'consultant', 'surgeon', 'registrar', 'sho', 'fy1', 'fy2', 'f1', 'f2', 'ct1', 'ct2', 'st3', 'gp', 'nurse', 'sister',
  'matron', 'midwife', 'physiotherapist', 'physio', 'ot', 'therapist', 'dietitian', 'dietician', 'pharmacist',
  'psychologist', 'psychiatrist', 'anaesthetist', 'anesthetist', 'radiologist', 'doctor', 'practitioner', 'specialist',
  'clinician', 'colleague', 'paramedic', 'optometrist', 'podiatrist', 'worker', 'keyworker', 'coordinator', 'secretary',
  'interpreter', 'translator', 'chaplain', 'advocate',
]);

/** Nouns after "72-year-old" that make it the patient: the person, and what a person is. */
export const PERSON_NOUNS = new Set([
  'man', 'woman', 'male', 'female', 'boy', 'girl', 'gentleman', 'gent', 'lady', 'patient', 'pt', 'person', 'individual',
  'adult', 'child', 'infant', 'toddler', 'baby', 'adolescent', 'teenager', 'teen', 'resident', 'pensioner', 'veteran',
  'student', 'pupil', 'teacher', 'nurse', 'builder', 'farmer', 'engineer', 'accountant', 'driver', 'mechanic', 'chef',
  'cleaner', 'solicitor', 'lawyer', 'electrician', 'plumber', 'carpenter', 'labourer', 'laborer', 'shopkeeper',
  'housewife', 'homemaker', 'postman', 'postwoman', 'firefighter', 'soldier', 'officer', 'manager', 'worker', 'secretary',
  'musician', 'artist', 'miner', 'welder', 'lecturer', 'doctor', 'care-home', 'smoker', 'non-smoker', 'ex-smoker',
  'primigravida', 'multigravida', 'para',
]);

/** Words between "a" and "72-year-old", or between "72-year-old" and its noun, that describe the person. */
export const DESCRIPTORS = new Set([
  'retired', 'right-handed', 'left-handed', 'previously', 'otherwise', 'normally', 'usually', 'fit', 'well', 'healthy',
  'independent', 'independently', 'active', 'frail', 'elderly', 'pleasant', 'lovely', 'delightful', 'charming', 'married',
  'single', 'widowed', 'divorced', 'white', 'black', 'asian', 'caucasian', 'british', 'irish', 'nulliparous', 'multiparous',
  'primiparous', 'diabetic', 'hypertensive', 'obese', 'young', 'very', 'and', 'mobile', 'cheerful', 'known', 'part-time',
  'full-time', 'self-employed', 'unemployed', 'lorry', 'taxi', 'bus', 'school', 'office', 'factory', 'primary', 'secondary',
  'university', 'medical', 'nursing', 'construction', 'care', 'home', 'keen', 'former', 'semi-retired', 'now', 'current',
]);

/** Words right after "72-year-old" that make it the noun itself ("a 72-year-old with COPD"). */
export const AFTER_PERSON = new Set([
  'with', 'who', 'whose', 'presenting', 'presents', 'presented', 're-presenting', 'admitted', 'referred', 'attending',
  'attended', 'is', 'was', 'has', 'had', 'reviewed', 'seen', 'on', 'in', 'from', 'under', 'undergoing', 'awaiting', 'being',
  'brought', 'transferred', 'known', 'for', 'at', 'after', 'following', 'today', 'living', 'lives', 'complaining', 'describes',
  'reports', 'and',
]);

/** A sex said with an age. */
export const SEX_WORDS: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['man', 'male'], ['gentleman', 'male'], ['gent', 'male'], ['male', 'male'], ['boy', 'male'], ['m', 'male'],
  ['woman', 'female'], ['lady', 'female'], ['female', 'female'], ['girl', 'female'], ['f', 'female'],
]);

/**
 * A word right before an age that puts it in the past or makes it a threshold: "at age 12",
 * "since age 40", "as a 12-year-old", "when aged 30", "diagnosed aged 30".
 */
export const PAST_OR_THRESHOLD = new Set([
  'at', 'since', 'from', 'by', 'until', 'till', 'before', 'after', 'when', 'whilst', 'while', 'as', 'during', 'diagnosed',
  'died', 'death', 'deceased', 'onset', 'first', 'over', 'under', 'above', 'below', 'between', 'beyond', 'than', 'about',
  'approximately', 'approx', 'around', 'roughly', 'circa', 'ca', 'c', 'nearly', 'almost', 'least', 'most', 'early', 'mid',
  'late', 'retired', 'married', 'emigrated', 'moved', 'started', 'began', 'stopped', 'quit', 'left', 'had', 'underwent',
  'developed', 'sustained', 'was', 'were', 'turned', 'became', 'or', 'to', 'and', 'like', 'if', 'once', 'unless',
  'estimated', 'est', 'apparent', 'possibly', 'probably', 'perhaps', 'maybe', 'upto', 'up', 'aged',
]);

/** Possessives that make the age someone else's: "her 45-year-old son". */
export const POSSESSIVES = new Set(['her', 'his', 'their', 'whose', 'my', 'your', 'its', "patient's", 'patient’s', "pt's", 'pt’s']);

/** Capitalized words that start sentences and are not names. */
export const STARTERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'she', 'he', 'they', 'it', 'her', 'his', 'their', 'we', 'i', 'our',
  'patient', 'pt', 'on', 'in', 'at', 'today', 'yesterday', 'tonight', 'overnight', 'now', 'currently', 'presently',
  'recently', 'previously', 'initially', 'subsequently', 'following', 'after', 'before', 'during', 'since', 'however',
  'also', 'additionally', 'furthermore', 'overall', 'otherwise', 'thank', 'thanks', 'dear', 're', 'regarding', 'please',
  'presenting', 'presented', 'presentation', 'history', 'background', 'summary', 'impression', 'assessment', 'plan',
  'diagnosis', 'admission', 'reason', 'referral', 'seen', 'reviewed', 'admitted', 'discharged', 'known', 'pleasant',
  'lovely', 'frail', 'elderly', 'independent', 'retired', 'examination', 'social', 'family', 'medical', 'past', 'drug',
  'allergies', 'medication', 'medications', 'when', 'while', 'whilst', 'as', 'if', 'although', 'despite', 'given',
  'lives', 'unfortunately', 'fortunately', 'clinically', 'here', 'there', 'then', 'thereafter', 'finally', 'today’s',
  'name', 'age', 'aged', 'dob', 'sex', 'gender', 'nhs', 'mrn', 'hospital', 'ward', 'clinic', 'cc', 'copy', 'to', 'from',
  'subject', 'date', 'reviewed', 'dictated', 'signed', 'yours', 'kind', 'best', 'many', 'with', 'for', 'of', 'and', 'but',
  'or', 'so', 'no', 'yes', 'not', 'all', 'both', 'each', 'one', 'two', 'she’s', "she's", 'he’s', "he's", 'is', 'was',
  'has', 'had', 'did', 'does', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'hpc', 'pc', 'pmh',
  'dh', 'sh', 'fh', 'oe', 'o/e', 'obs', 'plan', 'impression', 'jan', 'january', 'february', 'march', 'april', 'june',
  'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'english', 'british', 'mobility', 'mobilising', 'walks', 'uses', 'needs', 'requires',
  'cognition', 'mood', 'sleep', 'appetite', 'weight', 'pain', 'discharge', 'transfer', 'follow-up', 'outcome', 'results',
  'investigations', 'treatment', 'management', 'progress', 'course', 'nursing', 'care', 'goals', 'problem', 'problems',
  'surgery', 'procedure', 'operation', 'findings', 'indication', 'complications', 'consent', 'risks', 'recommendations',
]);
