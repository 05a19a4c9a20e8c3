import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Predict, PredictView } from '@/components/prose/Predict';

const props = {
  question: 'With μ = 0.99, what does the momentum path do?',
  choices: ['Settles faster', 'Overshoots and spirals longer', 'Stops short'],
  answer: 1,
};
const explanation = <p>Each step keeps 99% of its velocity.</p>;

describe('<Predict>', () => {
  it('asks first: the choices are buttons, and neither the answer nor the explanation is in the page', () => {
    const html = renderToStaticMarkup(<Predict {...props}>{explanation}</Predict>);
    expect(html).toContain(props.question);
    expect(html.match(/<button/g)).toHaveLength(3);
    expect(html).toContain('aria-pressed="false"');
    expect(html).not.toContain('99% of its velocity');
    expect(html).not.toContain('You said');
    expect(html).toContain('data-predict="open"');
  });

  it('after a choice, says what the reader said and what the widget shows, then explains', () => {
    const wrong = renderToStaticMarkup(<PredictView {...props} chosen={0}>{explanation}</PredictView>);
    expect(wrong).toContain('You said: Settles faster. The widget shows: Overshoots and spirals longer.');
    expect(wrong).toContain('Not quite.');
    expect(wrong).toContain('99% of its velocity');
    expect(wrong).toContain('data-predict="wrong"');
    expect(wrong.match(/aria-pressed="true"/g)).toHaveLength(1);
    const right = renderToStaticMarkup(<PredictView {...props} chosen={1} shows="the path swings past the minimum for hundreds of steps" />);
    expect(right).toContain('Right.');
    expect(right).toContain('The widget shows: the path swings past the minimum for hundreds of steps.');
    expect(right).toContain('data-predict="right"');
  });

  it('a malformed prediction says so instead of rendering a question without an answer', () => {
    expect(renderToStaticMarkup(<Predict {...props} answer={3} />)).toContain('malformed');
    expect(renderToStaticMarkup(<Predict {...props} choices={['only one']} answer={0} />)).toContain('malformed');
  });
});
