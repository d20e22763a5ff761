// Documents the API suite writes into the open workspace (under api-checks/), so it never
// depends on the sample files a person or a UI journey may be editing.

/** Two contract errors: `status` is not one of the enum, `date` is not RFC 3339. */
export const twoErrors = `{
  "status": "draft",
  "type": "discharge-summary",
  "patientId": "pat_123",
  "practitionerId": "prac_789",
  "title": "Discharge Summary",
  "date": "15/01/2025",
  "sections": [
    { "title": "Diagnosis", "text": "Community-acquired pneumonia." },
    { "title": "Hospital Course", "text": "IV antibiotics for 3 days, then oral." }
  ]
}
`;

/** Valid, with an empty `status` to complete inside and a key to hover. */
export const emptyStatus = `{
  "status": "",
  "type": "discharge-summary",
  "patientId": "pat_123",
  "practitionerId": "prac_789",
  "title": "Discharge Summary",
  "sections": [
    { "title": "Diagnosis", "text": "Community-acquired pneumonia." }
  ]
}
`;

/** An empty body: where the snippets are offered. */
export const emptyDocument = '';
