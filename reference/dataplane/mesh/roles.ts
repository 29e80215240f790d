// Who does what in a pair (spec/14-data-plane.md 14.2): the peer whose media id sorts first by
// UTF-16 code units dials; the other answers and is the polite side of media negotiation.

/** True when `self` dials the pair with `peer` [WIRE-04]. */
export const initiates = (self: string, peer: string): boolean => self < peer;
