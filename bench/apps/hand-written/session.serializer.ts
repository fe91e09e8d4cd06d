import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BenchUser } from '../shared/bench-user.entity.js';

/** The session keeps the user's id; later requests load the user. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(@InjectRepository(BenchUser) private readonly users: Repository<BenchUser>) {
    super();
  }

  serializeUser(user: BenchUser, done: (err: unknown, id?: string) => void) {
    done(null, user.id);
  }

  deserializeUser(id: string, done: (err: unknown, user?: BenchUser | null) => void) {
    this.users.findOneBy({ id }).then((user) => done(null, user), done);
  }
}
