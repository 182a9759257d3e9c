/**
 * Give an element focus as soon as it is in the page (`use:focusOnMount`): the safe answer of an inline question,
 * so a keyboard user who opened it is inside it rather than on the body where the opening button was.
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}
