/** A reply an e2e test types into a demo helpdesk ticket and sends. */
export interface Draft {
  ticketId: string;
  playbookId: string;
  text: string;
}

/** Follows every step of the refund playbook. */
export const GOOD_REFUND: Draft = {
  ticketId: '1042',
  playbookId: 'refund',
  text:
    "Hi María,\n\nI understand you'd like a refund for order #A10234, and I'm so sorry the mixer arrived " +
    "with a cracked bowl. I've processed a full refund to your original card, and it will show on your " +
    'statement within 5 business days.\n\nThank you for your patience, and let me know if anything else ' +
    'comes up.\n\nBest regards,\nSam',
};

/** Says what happens next but leaves out the apology and the expectation the bug playbook asks for. */
export const BARE_ANSWER: Draft = {
  ticketId: '1044',
  playbookId: 'bug',
  text:
    'Hi Aisha,\n\nI can see the checkout goes blank when you apply SPRING15. Thank you for reporting this ' +
    "and for the details. I've passed it to our engineers, who are looking into it now.\n\nThank you for " +
    'your patience, and let me know if anything else comes up.\n\nBest regards,\nSam',
};
