import Link from 'next/link';
import { chapterPath, chapters } from '@/content/chapters';

export default function Home() {
  return (
    <div className="home">
      <header className="home-hero">
        <p className="kicker">An explorable textbook</p>
        <h1>Looking Glass</h1>
        <p className="lede">
          Modern machine learning told as one story — from a straight line fitted to points, through logistic
          regression, to neural networks and the automatic differentiation that trains them — with every model
          trained live in your browser while you read. Chapters on convolutional networks and transformers are in
          the works and will carry it on.
        </p>
      </header>
      <section className="home-how" aria-labelledby="how-to-read">
        <h2 id="how-to-read">How to read it</h2>
        <p>
          Each chapter opens with one question and answers it twice: first in words and pictures, then in the
          mathematics. Beside the mathematics sit small laboratories. Move a slider, drag a point or pick a
          dataset, and a real model retrains in front of you, on your own machine, with nothing sent anywhere.
        </p>
        <p>
          Read the chapters in order if the subject is new to you: each model is the previous one with a single
          idea added. Every section heading carries a link you can copy, and every laboratory can hand you a link
          to its exact state, so a course can point its students to precisely the thing it means.
        </p>
      </section>
      <section className="home-contents" aria-labelledby="contents">
        <h2 id="contents">Contents</h2>
        <ol className="toc-list">
          {chapters.map((c) => (
            <li key={c.slug}>
              <Link href={chapterPath(c.slug)} className="toc-entry">
                <span className="toc-number">{c.number}</span>
                <span className="toc-text">
                  <span className="toc-title">{c.title}</span>
                  <span className="toc-summary">{c.summary}</span>
                </span>
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
