/**
 * Text in the notes that addresses a model rather than describes a customer ("ignore previous
 * instructions…", "SYSTEM: …", a fake JSON answer, "note for the AI assistant…"). The extractive drafter does
 * not read it, and the checks never accept it as evidence.
 *
 * Pure; no IO.
 */
export const INSTRUCTION_TO_MODEL =
  /\bignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding) (?:instructions?|prompts?|messages?|rules)|\bdisregard (?:all |any |the )?(?:previous|prior|above|earlier)|\byou are now\b|\bsystem prompt\b|\bas an ai\b|\bnew instructions\b|\b(?:developer|admin|god) mode\b|\bapprove (?:this|the) (?:profile|draft)\b|\bjailbreak|<\/?(?:system|instructions?)>|\[\/?INST\]|^\s*(?:system|assistant|developer)\s*:|\bmark (?:all |every )?(?:the )?(?:checks?|quotes?) as (?:passed|verified|approved)\b|\b(?:note|message|instructions?) (?:to|for) (?:the )?(?:ai|model|llm|assistant|drafter|bot)\b|^\s*[{[]\s*"[^"\n]{1,40}"\s*:/i;

/** The same text with every line that addresses a model blanked out (same length and line breaks, so offsets stay valid). */
export function maskInstructions(text: string): string {
  return text
    .split('\n')
    .map((line) => (INSTRUCTION_TO_MODEL.test(line) ? '\u0000'.repeat(line.length) : line))
    .join('\n');
}
