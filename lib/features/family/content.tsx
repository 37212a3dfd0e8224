import { Component } from 'preact';
import type { ContentPart, SectionProps } from '@/lib/features/content-part';
import type { Answer } from '@/lib/features/protocol';
import { send } from '@/lib/features/send';
import type { FamilyCard as Card } from '@/lib/family/card';
import { FamilyCard } from './FamilyCard';

/**
 * Asked for once the panel's own API refresh has answered: its calls never delay the panel's
 * numbers. A class rather than hooks: the content script leaves preact/hooks out to stay small.
 */
class Family extends Component<SectionProps, { card: Card | null }> {
  override state = { card: null as Card | null };
  private asked = false;

  override componentDidMount() {
    this.ask();
  }

  override componentDidUpdate() {
    this.ask();
  }

  private ask() {
    if (this.asked || this.props.state?.api === undefined) return;
    this.asked = true;
    void send('family/get', { id: this.props.id }).then(this.props.guard((a: Answer<Card | null>) => a.ok && a.value && this.setState({ card: a.value })));
  }

  override render() {
    return this.state.card ? <FamilyCard card={this.state.card} /> : null;
  }
}

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 30, View: Family }];
